package io.dikast.engine.key;

/**
 * Turns the public keys an AttestationAuthority declares into {@link TrustedKey}s, refusing any key
 * that could not verify what its declaration promises. Pure and thread-safe.
 */
public final class KeyParser {

  private KeyParser() {}

  /**
   * @param declaredKeyId the key's v4 fingerprint as the authority writes it (case and spaces
   *     ignored); null or blank to take the fingerprint, as Kritis does
   * @param asciiArmoredOrBase64OfArmored the {@code gpg --armor --export} text, or base64 of it
   */
  public static TrustedKey parsePgp(String declaredKeyId, String asciiArmoredOrBase64OfArmored)
      throws KeyException {
    return PgpKeyReader.read(declaredKeyId, asciiArmoredOrBase64OfArmored);
  }

  /**
   * @param declaredKeyIdOrNull the id signatures will name; null or blank for the RFC 6920 default
   *     {@code ni:///sha-256;<base64url of SHA-256(DER SubjectPublicKeyInfo)>}
   * @param publicKeyPem a PEM {@code PUBLIC KEY} block
   * @param signatureAlgorithmName a Grafeas / Binary Authorization name such as {@code
   *     ECDSA_P256_SHA256}
   */
  public static TrustedKey parsePkix(
      String declaredKeyIdOrNull, String publicKeyPem, String signatureAlgorithmName)
      throws KeyException {
    return PkixKeyReader.read(declaredKeyIdOrNull, publicKeyPem, signatureAlgorithmName);
  }
}
