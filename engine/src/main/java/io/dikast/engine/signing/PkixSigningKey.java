package io.dikast.engine.signing;

import io.dikast.engine.key.BouncyCastle;
import io.dikast.engine.key.KeyException;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.SignatureAlgorithm;
import io.dikast.engine.key.TrustedKey;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A PKIX private key in PEM: PKCS#8 ({@code PRIVATE KEY}, plain or encrypted) or SEC1/PKCS#1
 * ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}), as openssl writes them. Its public half is
 * derived from it and parsed by the engine, which also computes the default key id.
 */
public final class PkixSigningKey implements SigningKey {

  private final PrivateKey privateKey;
  private final SignatureAlgorithm algorithm;
  private final TrustedKey trustedKey;

  private PkixSigningKey(PrivateKey privateKey, SignatureAlgorithm algorithm, TrustedKey key) {
    this.privateKey = privateKey;
    this.algorithm = algorithm;
    this.trustedKey = key;
  }

  /**
   * @param source names the key's origin in messages, e.g. {@code key file /tmp/k.pem}
   * @param keyId the id to name in signatures; null for the engine's {@code ni:///sha-256;…}
   * @param passphrase null when none was given
   */
  public static PkixSigningKey load(
      byte[] keyFileContent,
      String source,
      SignatureAlgorithm algorithm,
      String keyId,
      char[] passphrase) {
    PrivateKeyInfo info = privateKeyInfo(keyFileContent, source, passphrase);
    String publicKeyPem = publicKeyPem(publicKeyInfo(info, source));
    TrustedKey trusted;
    try {
      trusted = KeyParser.parsePkix(keyId, publicKeyPem, algorithm.name());
    } catch (KeyException e) {
      throw SigningKeyException.invalid(source + " does not fit: " + e.getMessage(), e);
    }
    try {
      PrivateKey key =
          new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER).getPrivateKey(info);
      return new PkixSigningKey(key, algorithm, trusted);
    } catch (IOException e) {
      throw SigningKeyException.invalid(source + " holds an unreadable private key", e);
    }
  }

  @Override
  public TrustedKey trustedKey() {
    return trustedKey;
  }

  @Override
  public byte[] sign(byte[] payload) {
    try {
      Signature signature = algorithm.newSignature();
      signature.initSign(privateKey);
      signature.update(payload);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw SigningKeyException.invalid("cannot sign with the PKIX key: " + e.getMessage(), e);
    }
  }

  private static PrivateKeyInfo privateKeyInfo(byte[] content, String source, char[] passphrase) {
    Object object;
    try (PEMParser parser =
        new PEMParser(new StringReader(new String(content, StandardCharsets.US_ASCII)))) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw SigningKeyException.invalid(source + " is not a PEM private key", e);
    }
    if (object instanceof PrivateKeyInfo info) {
      return info;
    }
    if (object instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      char[] secret = requirePassphrase(source, passphrase);
      try {
        return encrypted.decryptPrivateKeyInfo(
            new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(BouncyCastle.PROVIDER)
                .build(secret));
      } catch (Exception e) {
        throw SigningKeyException.wrongPassphrase(source, e);
      }
    }
    if (object instanceof PEMEncryptedKeyPair encrypted) {
      char[] secret = requirePassphrase(source, passphrase);
      try {
        return encrypted
            .decryptKeyPair(
                new JcePEMDecryptorProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(secret))
            .getPrivateKeyInfo();
      } catch (IOException | RuntimeException e) {
        throw SigningKeyException.wrongPassphrase(source, e);
      }
    }
    if (object instanceof SubjectPublicKeyInfo) {
      throw SigningKeyException.invalid(source + " holds a public key; sign with the private key");
    }
    throw SigningKeyException.invalid(
        source + " holds no PEM private key (PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)");
  }

  private static char[] requirePassphrase(String source, char[] passphrase) {
    if (passphrase == null) {
      throw SigningKeyException.passphraseRequired(source);
    }
    return passphrase;
  }

  private static SubjectPublicKeyInfo publicKeyInfo(PrivateKeyInfo info, String source) {
    AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
    try {
      if (algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
        RSAPrivateKey rsa = RSAPrivateKey.getInstance(info.parsePrivateKey());
        return new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            new RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
        byte[] point =
            ec.getPublicKey() != null
                ? ec.getPublicKey().getOctets()
                : publicPoint(algorithm, ec, source);
        return new SubjectPublicKeyInfo(algorithm, point);
      }
    } catch (IOException | RuntimeException e) {
      throw SigningKeyException.invalid(source + " holds a malformed private key", e);
    }
    throw SigningKeyException.invalid(
        source
            + " holds a key of algorithm "
            + algorithm.getAlgorithm().getId()
            + "; PKIX signing takes RSA and EC keys");
  }

  // PKCS#8 may omit the public point; it is d·G on the named curve.
  private static byte[] publicPoint(AlgorithmIdentifier algorithm, ECPrivateKey ec, String source) {
    X9ECParameters curve =
        algorithm.getParameters() instanceof ASN1ObjectIdentifier oid
            ? ECNamedCurveTable.getByOID(oid)
            : null;
    if (curve == null) {
      throw SigningKeyException.invalid(source + " holds an EC key on an unnamed curve");
    }
    return curve.getG().multiply(ec.getKey()).normalize().getEncoded(false);
  }

  private static String publicKeyPem(SubjectPublicKeyInfo info) {
    try {
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(info.getEncoded(ASN1Encoding.DER));
      return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    } catch (IOException e) {
      throw new IllegalStateException("a SubjectPublicKeyInfo always DER-encodes", e);
    }
  }
}
