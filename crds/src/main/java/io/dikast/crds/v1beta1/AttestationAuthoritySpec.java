package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** An attestation authority: a Grafeas note and the public keys whose signatures count. */
public class AttestationAuthoritySpec {

  @Required
  @Pattern("^(v1beta1/|v1/)?projects/[^/]+/notes/[^/]+$")
  @JsonPropertyDescription(
      "The Grafeas note attestations are filed under: projects/<project>/notes/<note> (a leading"
          + " v1beta1/ or v1/ is tolerated).")
  private String noteReference;

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
