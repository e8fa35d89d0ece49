package io.dikast.cli.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/** Puts a passphrase on keys made by gpg and openssl, with Bouncy Castle. */
public final class ProtectedKeys {

  private ProtectedKeys() {}

  /** The armored secret key, its secrets now encrypted with AES-256 under the passphrase. */
  public static String protectPgp(String armoredSecretKey, String passphrase)
      throws IOException, PGPException {
    PGPSecretKeyRing ring =
        new PGPSecretKeyRing(
            PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armoredSecretKey.getBytes(StandardCharsets.US_ASCII))),
            new BcKeyFingerprintCalculator());
    BcPGPDigestCalculatorProvider digests = new BcPGPDigestCalculatorProvider();
    PGPSecretKeyRing locked =
        PGPSecretKeyRing.copyWithNewPassword(
            ring,
            new BcPBESecretKeyDecryptorBuilder(digests).build(new char[0]),
            new BcPBESecretKeyEncryptorBuilder(
                    SymmetricKeyAlgorithmTags.AES_256, digests.get(HashAlgorithmTags.SHA256))
                .build(passphrase.toCharArray()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
      locked.encode(armored);
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  /** The PEM private key as an {@code ENCRYPTED PRIVATE KEY} (PKCS#8, AES-256-CBC). */
  public static String protectPkcs8(Path privateKeyPem, String passphrase)
      throws IOException, OperatorCreationException {
    PrivateKeyInfo info;
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(privateKeyPem)))) {
      info = (PrivateKeyInfo) parser.readObject();
    }
    JcaPKCS8Generator generator =
        new JcaPKCS8Generator(
            new JcaPEMKeyConverter().getPrivateKey(info),
            new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider())
                .setPassword(passphrase.toCharArray())
                .build());
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(generator.generate());
    }
    return pem.toString();
  }
}
