package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** One public key given inline in an AttestationAuthority. */
@ValidationRule(
    value = "has(self.keyType) || has(self.policyType)",
    message = "keyType is required")
@ValidationRule(
    value =
        "(has(self.keyType) ? self.keyType : self.policyType) != 'PGP'"
            + " || has(self.asciiArmoredPgpPublicKey)",
    message = "a PGP key needs asciiArmoredPgpPublicKey")
@ValidationRule(
    value =
        "(has(self.keyType) ? self.keyType : self.policyType) != 'PKIX' || has(self.pkixPublicKey)",
    message = "a PKIX key needs pkixPublicKey")
public class PublicKey {

  @JsonPropertyDescription("PGP or PKIX.")
  private KeyType keyType;

  @Deprecated
  @JsonProperty("policyType")
  @JsonPropertyDescription("Deprecated: the older Kritis spelling of keyType; use keyType.")
  private KeyType policyType;

  @JsonPropertyDescription(
      "The id signatures name this key by: the fingerprint for PGP keys, any id (e.g. an ni:///"
          + " URI) for PKIX keys. Derived from the key when omitted.")
  private String keyId;

  @JsonPropertyDescription(
      "The ASCII-armored OpenPGP public key, or the base64 encoding of it as Kritis wrote it.")
  private String asciiArmoredPgpPublicKey;

  @JsonPropertyDescription("The PKIX public key and its signature algorithm.")
  private PkixPublicKey pkixPublicKey;

  /** The key type, from {@code keyType} or its deprecated spelling {@code policyType}. */
  public KeyType getKeyType() {
    return Aliases.preferCurrent(keyType, policyType);
  }

  public void setKeyType(KeyType keyType) {
    this.keyType = keyType;
  }

  public String getKeyId() {
    return keyId;
  }

  public void setKeyId(String keyId) {
    this.keyId = keyId;
  }

  public String getAsciiArmoredPgpPublicKey() {
    return asciiArmoredPgpPublicKey;
  }

  public void setAsciiArmoredPgpPublicKey(String asciiArmoredPgpPublicKey) {
    this.asciiArmoredPgpPublicKey = asciiArmoredPgpPublicKey;
  }

  public PkixPublicKey getPkixPublicKey() {
    return pkixPublicKey;
  }

  public void setPkixPublicKey(PkixPublicKey pkixPublicKey) {
    this.pkixPublicKey = pkixPublicKey;
  }
}
