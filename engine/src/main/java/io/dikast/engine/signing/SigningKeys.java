package io.dikast.engine.signing;

import io.dikast.engine.key.KeyType;
import io.dikast.engine.key.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;

/** Loads a private key's bytes as a PGP or PKIX signing key. */
public final class SigningKeys {

  private SigningKeys() {}

  /**
   * @param source names the key's origin in messages, e.g. {@code key file /tmp/k.pem}
   * @param type null to tell from the content: PEM blocks other than PGP armor are PKIX keys
   * @param algorithm the PKIX signature algorithm; unused for PGP keys
   * @param passphrase null when none was given
   * @param attached a PGP attached signed message instead of a detached signature
   */
  public static SigningKey load(
      byte[] content,
      String source,
      KeyType type,
      SignatureAlgorithm algorithm,
      String keyId,
      char[] passphrase,
      boolean attached) {
    return (type == null ? detect(content) : type) == KeyType.PGP
        ? PgpSigningKey.load(content, source, keyId, passphrase, attached)
        : PkixSigningKey.load(content, source, algorithm, keyId, passphrase);
  }

  /** The key type a private key's bytes hold: PEM blocks other than PGP armor are PKIX keys. */
  public static KeyType detect(byte[] content) {
    String text = new String(content, StandardCharsets.US_ASCII);
    return text.contains("-----BEGIN ") && !text.contains("-----BEGIN PGP")
        ? KeyType.PKIX
        : KeyType.PGP;
  }
}
