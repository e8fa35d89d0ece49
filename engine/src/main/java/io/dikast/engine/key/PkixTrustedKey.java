package io.dikast.engine.key;

import java.security.PublicKey;

/** A PKIX public key with the one signature algorithm its authority declared for it. */
public final class PkixTrustedKey implements TrustedKey {

  private final String keyId;
  private final String fingerprint;
  private final PublicKey publicKey;
  private final SignatureAlgorithm signatureAlgorithm;

  PkixTrustedKey(
      String keyId,
      String fingerprint,
      PublicKey publicKey,
      SignatureAlgorithm signatureAlgorithm) {
    this.keyId = keyId;
    this.fingerprint = fingerprint;
    this.publicKey = publicKey;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public KeyType type() {
    return KeyType.PKIX;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String algorithm() {
    return signatureAlgorithm.name();
  }

  /** Exactly the key id, as Binary Authorization compares it. */
  @Override
  public boolean matchesId(String publicKeyId) {
    return keyId.equals(publicKeyId);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public SignatureAlgorithm signatureAlgorithm() {
    return signatureAlgorithm;
  }

  @Override
  public String toString() {
    return "PKIX key " + keyId + " (" + signatureAlgorithm + ")";
  }
}
