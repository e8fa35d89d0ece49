package io.dikast.engine.key;

import java.io.IOException;
import java.io.StringReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reads a PEM SubjectPublicKeyInfo and checks that it fits the declared signature algorithm. */
final class PkixKeyReader {

  /** RFC 6920 named-information prefix, as Binary Authorization writes default PKIX key ids. */
  static final String NI_SHA256_PREFIX = "ni:///sha-256;";

  private static final String PEM_HINT =
      "give a PEM \"PUBLIC KEY\" block, as openssl pkey -pubout writes it";

  private PkixKeyReader() {}

  static PkixTrustedKey read(String declaredKeyId, String publicKeyPem, String algorithmName)
      throws KeyException {
    SignatureAlgorithm algorithm =
        SignatureAlgorithm.fromName(algorithmName)
            .orElseThrow(
                () ->
                    new KeyException(
                        KeyProblem.UNSUPPORTED_ALGORITHM,
                        "signatureAlgorithm "
                            + (algorithmName == null ? "is missing" : algorithmName.strip())
                            + " is not supported; use one of "
                            + SignatureAlgorithm.supportedNames()));
    SubjectPublicKeyInfo spki = subjectPublicKeyInfo(publicKeyPem);
    PublicKey key = publicKey(spki);
    PkixKeyFit.require(algorithm, spki, key);
    byte[] sha256 = sha256(der(spki));
    String keyId =
        declaredKeyId == null || declaredKeyId.isBlank()
            ? NI_SHA256_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256)
            : declaredKeyId.strip();
    return new PkixTrustedKey(keyId, Hex.toHexString(sha256), key, algorithm);
  }

  private static SubjectPublicKeyInfo subjectPublicKeyInfo(String pem) throws KeyException {
    if (pem == null || pem.isBlank()) {
      throw invalid("the PKIX public key is empty; " + PEM_HINT, null);
    }
    PemObject object;
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      object = reader.readPemObject();
      if (object != null && reader.readPemObject() != null) {
        throw invalid("the PEM text holds more than one block; give exactly one public key", null);
      }
    } catch (IOException | RuntimeException e) {
      throw invalid(
          "the PKIX public key is not valid PEM (" + e.getMessage() + "); " + PEM_HINT, e);
    }
    if (object == null) {
      throw invalid("the PKIX public key holds no PEM block; " + PEM_HINT, null);
    }
    if (!object.getType().equals("PUBLIC KEY")) {
      throw invalid(
          "the PEM block is \"" + object.getType() + "\", not \"PUBLIC KEY\"; " + PEM_HINT, null);
    }
    try {
      return SubjectPublicKeyInfo.getInstance(object.getContent());
    } catch (RuntimeException e) {
      throw invalid("the PEM block is not a SubjectPublicKeyInfo; " + PEM_HINT, e);
    }
  }

  private static PublicKey publicKey(SubjectPublicKeyInfo spki) throws KeyException {
    try {
      return new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER).getPublicKey(spki);
    } catch (IOException | RuntimeException e) {
      throw invalid("the PKIX public key cannot be decoded (" + e.getMessage() + ")", e);
    }
  }

  static String describe(SubjectPublicKeyInfo spki, PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return "RSA " + rsa.getModulus().bitLength();
    }
    if (spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curveOid) {
      return SignatureAlgorithm.Curve.byOid(curveOid)
          .map(c -> "EC " + c.displayName)
          .orElse(key.getAlgorithm() + " " + curveOid.getId());
    }
    return key.getAlgorithm();
  }

  private static byte[] der(SubjectPublicKeyInfo spki) throws KeyException {
    try {
      return spki.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw invalid("the PKIX public key cannot be DER-encoded", e);
    }
  }

  private static byte[] sha256(byte[] der) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(der);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static KeyException invalid(String message, Throwable cause) {
    return new KeyException(KeyProblem.INVALID_KEY, message, cause);
  }
}
