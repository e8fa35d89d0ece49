package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Public keys kept in a ConfigMap or Secret of the authority's namespace, as the seed article does
 * with {@code kubectl create configmap image-signature-webhook --from-file <ID>.pub}.
 */
@ValidationRule(
    value = "has(self.configMapName) != has(self.secretName)",
    message = "exactly one of configMapName or secretName is required")
@ValidationRule(
    value = "self.keyType != 'PKIX' || has(self.signatureAlgorithm)",
    message = "PKIX keys from a source need signatureAlgorithm")
public class PublicKeySource {

  @JsonPropertyDescription("A ConfigMap in the same namespace holding the keys.")
  private String configMapName;

  @JsonPropertyDescription("A Secret in the same namespace holding the keys.")
  private String secretName;

  @JsonPropertyDescription("The one data key holding a public key; every data key when omitted.")
  private String key;

  @Default("PGP")
  @JsonPropertyDescription(
      "How the keys are encoded: PGP (armored) or PKIX (PEM). Each key's id is its fingerprint"
          + " (PGP) or ni:///sha-256 URI (PKIX).")
  private KeyType keyType = KeyType.PGP;

  @JsonPropertyDescription("The signature algorithm of PKIX keys.")
  private SignatureAlgorithm signatureAlgorithm;

  public String getConfigMapName() {
    return configMapName;
  }

  public void setConfigMapName(String configMapName) {
    this.configMapName = configMapName;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public KeyType getKeyType() {
    return keyType;
  }

  public void setKeyType(KeyType keyType) {
    this.keyType = keyType == null ? KeyType.PGP : keyType;
  }

  public SignatureAlgorithm getSignatureAlgorithm() {
    return signatureAlgorithm;
  }

  public void setSignatureAlgorithm(SignatureAlgorithm signatureAlgorithm) {
    this.signatureAlgorithm = signatureAlgorithm;
  }
}
