package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the operator made of one key of an authority. */
public class KeyStatus {

  @JsonPropertyDescription("The id signatures name the key by.")
  private String keyId;

  @JsonPropertyDescription("PGP or PKIX.")
  private KeyType keyType;

  @JsonPropertyDescription(
      "Where the key came from: inline (publicKeys[i]), configmap/<name>/<key> or"
          + " secret/<name>/<key>.")
  private String source;

  @JsonPropertyDescription("The key's fingerprint (PGP v4 fingerprint, or SHA-256 of the SPKI).")
  private String fingerprint;

  @JsonPropertyDescription("The key's signature algorithm.")
  private String algorithm;

  @JsonPropertyDescription("Why the key is not usable; absent for a valid key.")
  private String error;

  public String getKeyId() {
    return keyId;
  }

  public void setKeyId(String keyId) {
    this.keyId = keyId;
  }

  public KeyType getKeyType() {
    return keyType;
  }

  public void setKeyType(KeyType keyType) {
    this.keyType = keyType;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public void setFingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  public String getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(String algorithm) {
    this.algorithm = algorithm;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyStatus other
        && Objects.equals(keyId, other.keyId)
        && keyType == other.keyType
        && Objects.equals(source, other.source)
        && Objects.equals(fingerprint, other.fingerprint)
        && Objects.equals(algorithm, other.algorithm)
        && Objects.equals(error, other.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, keyType, source, fingerprint, algorithm, error);
  }
}
