package io.dikast.bench.keys;

import io.dikast.engine.key.SignatureAlgorithm;
import io.dikast.engine.signing.PgpSigningKey;
import io.dikast.engine.signing.PkixSigningKey;
import io.dikast.quickstart.QaSigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Signing keys made fresh with JCA and Bouncy Castle, loaded through the engine's own key readers
 * so benchmarks and the load driver sign exactly as {@code dikast sign} does.
 */
public final class BenchKeys {

  private BenchKeys() {}

  /** An ECDSA P-256 key whose signatures name the engine's {@code ni:///sha-256;…} id. */
  public static PkixKey ecdsaP256() {
    KeyPair pair = generate("EC", new ECGenParameterSpec("secp256r1"), 0);
    return new PkixKey(
        PkixSigningKey.load(
            pkcs8Pem(pair),
            "generated P-256 key",
            SignatureAlgorithm.ECDSA_P256_SHA256,
            null,
            null),
        pair);
  }

  /** An RSA 2048 key signing with PKCS#1 v1.5 and SHA-256. */
  public static PkixKey rsa2048() {
    KeyPair pair = generate("RSA", null, 2048);
    return new PkixKey(
        PkixSigningKey.load(
            pkcs8Pem(pair),
            "generated RSA key",
            SignatureAlgorithm.RSA_SIGN_PKCS1_2048_SHA256,
            null,
            null),
        pair);
  }

  /** An RSA 3072 OpenPGP key, as {@code gpg --quick-generate-key} makes by default. */
  public static PgpSigningKey pgpRsa3072() {
    byte[] armored =
        QaSigningKey.generate("Bench <bench@example.com>")
            .armoredSecretKey()
            .getBytes(StandardCharsets.US_ASCII);
    return PgpSigningKey.load(armored, "generated PGP key", null, null, false);
  }

  /** A PKIX signing key with its JCA key pair. */
  public record PkixKey(PkixSigningKey signing, KeyPair pair) {

    /** The public half as PEM, for an AttestationAuthority manifest. */
    public String publicKeyPem() {
      return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }
  }

  private static KeyPair generate(String algorithm, ECGenParameterSpec curve, int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) {
        generator.initialize(curve);
      } else {
        generator.initialize(bits);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
    }
  }

  private static byte[] pkcs8Pem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
