package io.dikast.verifier.policy;

import io.dikast.crds.v1beta1.KeyType;
import io.dikast.crds.v1beta1.PublicKey;
import io.dikast.crds.v1beta1.SignatureAlgorithm;
import io.dikast.engine.key.KeyException;
import io.dikast.engine.key.KeyParser;

/** Parses the keys an AttestationAuthority declares with the engine's {@link KeyParser}. */
public final class AuthorityKeys {

  public static final String INVALID_KEY = "InvalidKey";

  private AuthorityKeys() {}

  /** A key given inline in {@code spec.publicKeys}. */
  public static ParsedKey inline(PublicKey key) {
    if (key.getKeyType() == KeyType.PKIX) {
      if (key.getPkixPublicKey() == null) {
        return ParsedKey.failed(key.getKeyId(), INVALID_KEY, "pkixPublicKey is missing");
      }
      return parse(
          key.getKeyId(),
          KeyType.PKIX,
          key.getPkixPublicKey().getPublicKeyPem(),
          key.getPkixPublicKey().getSignatureAlgorithm());
    }
    return parse(key.getKeyId(), KeyType.PGP, key.getAsciiArmoredPgpPublicKey(), null);
  }

  /**
   * @param declaredId the key id the resource gave; null to know the key by its fingerprint
   * @param algorithm the declared PKIX signature algorithm, or null
   */
  public static ParsedKey parse(
      String declaredId, KeyType type, String material, SignatureAlgorithm algorithm) {
    try {
      return ParsedKey.of(
          declaredId,
          type == KeyType.PKIX
              ? KeyParser.parsePkix(
                  declaredId, material, algorithm == null ? null : algorithm.name())
              : KeyParser.parsePgp(declaredId, material));
    } catch (KeyException e) {
      return ParsedKey.failed(declaredId, e.problem().reason(), e.getMessage());
    }
  }
}
