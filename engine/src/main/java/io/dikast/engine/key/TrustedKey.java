package io.dikast.engine.key;

/** A public key an attestation authority trusts, parsed and checked by {@link KeyParser}. */
public sealed interface TrustedKey permits PgpTrustedKey, PkixTrustedKey {

  /** PGP: the v4 fingerprint, 40 upper-case hex; PKIX: the declared id or the RFC 6920 default. */
  String keyId();

  KeyType type();

  /** PGP: the 40-hex fingerprint; PKIX: hex SHA-256 of the DER SubjectPublicKeyInfo. */
  String fingerprint();

  /**
   * A label for status, such as {@code RSA 3072}, {@code EdDSA Ed25519}, {@code ECDSA_P256_SHA256}.
   */
  String algorithm();

  /** Whether an occurrence signature's {@code public_key_id} selects this key. */
  boolean matchesId(String publicKeyId);
}
