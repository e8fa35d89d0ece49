package io.dikast.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * The QA engineer's signing key, made fresh for each run as {@code gpg --quick-generate-key} would:
 * an RSA 3072 OpenPGP key that may sign and certify, with no passphrase.
 */
public record QaSigningKey(
    String userId, String fingerprint, String armoredSecretKey, String armoredPublicKey) {

  public static QaSigningKey generate(String userId) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072);
      KeyPair keys = generator.generateKeyPair();
      PGPKeyPair pgpKeys =
          new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, keys, new Date());
      PGPSignatureSubpacketGenerator usage = new PGPSignatureSubpacketGenerator();
      usage.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
      PGPKeyRingGenerator ring =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              pgpKeys,
              userId,
              new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
              usage.generate(),
              null,
              new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
              null);
      return new QaSigningKey(
          userId,
          HexFormat.of().withUpperCase().formatHex(pgpKeys.getPublicKey().getFingerprint()),
          armored(ring.generateSecretKeyRing().getEncoded()),
          armored(ring.generatePublicKeyRing().getEncoded()));
    } catch (GeneralSecurityException | PGPException | IOException e) {
      throw new StoryFailure("cannot generate the QA engineer's PGP key: " + e.getMessage(), e);
    }
  }

  private static String armored(byte[] encoded) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(text)) {
      armor.write(encoded);
    }
    return text.toString(StandardCharsets.US_ASCII);
  }
}
