package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * An attestation authority: where its signatures are kept (a Grafeas note, cosign signatures in a
 * registry, or both) and the public keys whose signatures count.
 */
@ValidationRule(
    value = "has(self.noteReference) || has(self.cosign)",
    message = "noteReference or cosign is required")
public class AttestationAuthoritySpec {

  @Pattern("^(v1beta1/|v1/)?projects/[^/]+/notes/[^/]+$")
  @JsonPropertyDescription(
      "The Grafeas note attestations are filed under: projects/<project>/notes/<note> (a leading"
          + " v1beta1/ or v1/ is tolerated). Required unless cosign is set.")
  private String noteReference;

  @JsonPropertyDescription(
      "Dikast: also accept cosign's keyed signatures from the image's registry (tag"
          + " sha256-<hex>.sig), verified with this authority's PKIX keys. With noteReference, a"
          + " signature in either place counts.")
  private CosignSource cosign;

  @JsonPropertyDescription("Public keys given inline.")
  private List<PublicKey> publicKeys = new ArrayList<>();

  @JsonPropertyDescription(
      "Dikast: public keys read from ConfigMaps or Secrets in the same namespace.")
  private List<PublicKeySource> publicKeysFrom = new ArrayList<>();

  @JsonPropertyDescription(
      "Older Kritis field naming the signer's private key Secret; accepted, unused by Dikast.")
  private String privateKeySecretName;

  public String getNoteReference() {
    return noteReference;
  }

  public void setNoteReference(String noteReference) {
    this.noteReference = noteReference;
  }

  public CosignSource getCosign() {
    return cosign;
  }

  public void setCosign(CosignSource cosign) {
    this.cosign = cosign;
  }

  public List<PublicKey> getPublicKeys() {
    return publicKeys;
  }

  public void setPublicKeys(List<PublicKey> publicKeys) {
    this.publicKeys = publicKeys == null ? new ArrayList<>() : publicKeys;
  }

  public List<PublicKeySource> getPublicKeysFrom() {
    return publicKeysFrom;
  }

  public void setPublicKeysFrom(List<PublicKeySource> publicKeysFrom) {
    this.publicKeysFrom = publicKeysFrom == null ? new ArrayList<>() : publicKeysFrom;
  }

  public String getPrivateKeySecretName() {
    return privateKeySecretName;
  }

  public void setPrivateKeySecretName(String privateKeySecretName) {
    this.privateKeySecretName = privateKeySecretName;
  }
}
