package io.dikast.operator.autoattest;

import io.dikast.engine.key.SignatureAlgorithm;
import io.dikast.engine.signing.SigningKey;
import io.dikast.engine.signing.SigningKeyException;
import io.dikast.engine.signing.SigningKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The signing key an ImageSecurityPolicy's {@code privateKeySecretName} names, under Kritis' keys:
 * {@code private.key} (an armored PGP secret key, or a PEM private key for PKIX), optional {@code
 * passphrase}, and for PKIX {@code algorithm} (e.g. {@code ECDSA_P256_SHA256}). The key is parsed
 * in memory and never written anywhere.
 */
final class SigningSecret {

  static final String PRIVATE_KEY = "private.key";
  static final String PASSPHRASE = "passphrase";
  static final String ALGORITHM = "algorithm";

  private SigningSecret() {}

  static SigningKey load(Secret secret) {
    String source =
        "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    byte[] privateKey = value(secret, PRIVATE_KEY);
    if (privateKey == null) {
      throw new SigningKeyException(
          SigningKeyException.Problem.INVALID, source + " has no " + PRIVATE_KEY + " key", null);
    }
    byte[] passphrase = value(secret, PASSPHRASE);
    byte[] algorithm = value(secret, ALGORITHM);
    return SigningKeys.load(
        privateKey,
        source,
        null,
        algorithm == null ? null : algorithm(source, text(algorithm)),
        null,
        passphrase == null ? null : text(passphrase).toCharArray(),
        false);
  }

  private static SignatureAlgorithm algorithm(String source, String name) {
    return SignatureAlgorithm.fromName(name)
        .orElseThrow(
            () ->
                new SigningKeyException(
                    SigningKeyException.Problem.INVALID,
                    source + " names unsupported algorithm " + name,
                    null));
  }

  private static byte[] value(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    if (data != null && data.get(key) != null) {
      return Base64.getMimeDecoder().decode(data.get(key));
    }
    Map<String, String> plain = secret.getStringData();
    return plain != null && plain.get(key) != null
        ? plain.get(key).getBytes(StandardCharsets.UTF_8)
        : null;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8).strip();
  }
}
