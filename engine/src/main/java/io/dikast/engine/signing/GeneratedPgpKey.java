package io.dikast.engine.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * A fresh OpenPGP key as {@code gpg --quick-generate-key} makes one: a v4 primary key that may sign
 * and certify, self-certified for one user id, with no passphrase; armored as {@code gpg --armor
 * --export-secret-keys} and {@code --export} write it.
 *
 * @param fingerprint upper-case hex, the id authorities declare
 */
public record GeneratedPgpKey(
    String userId, String fingerprint, String armoredSecretKey, String armoredPublicKey) {

  /**
   * @param keys a JCA key pair of the algorithm {@code pgpAlgorithm} names
   * @param pgpAlgorithm an OpenPGP public key algorithm, such as {@code
   *     PublicKeyAlgorithmTags.RSA_GENERAL} or {@code ECDSA}
   */
  public static GeneratedPgpKey of(String userId, KeyPair keys, int pgpAlgorithm)
      throws PGPException, IOException {
    PGPKeyPair pgpKeys =
        new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, pgpAlgorithm, keys, new Date());
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
            new JcaPGPContentSignerBuilder(pgpAlgorithm, HashAlgorithmTags.SHA256),
            null);
    return new GeneratedPgpKey(
        userId,
        HexFormat.of().withUpperCase().formatHex(pgpKeys.getPublicKey().getFingerprint()),
        armored(ring.generateSecretKeyRing().getEncoded()),
        armored(ring.generatePublicKeyRing().getEncoded()));
  }

  private static String armored(byte[] encoded) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(text)) {
      armor.write(encoded);
    }
    return text.toString(StandardCharsets.US_ASCII);
  }
}
