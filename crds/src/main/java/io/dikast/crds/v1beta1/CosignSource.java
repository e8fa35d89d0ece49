package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * Dikast: cosign's keyed signatures kept in an OCI registry, read beside (or instead of) Grafeas
 * attestations and verified with the authority's PKIX keys.
 */
public class CosignSource {

  @Pattern("^[a-zA-Z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+$")
  @JsonPropertyDescription(
      "The repository holding the signatures, as COSIGN_REPOSITORY names it (registry/path, e.g."
          + " registry.example.com/signatures); the image's own repository when omitted.")
  private String repository;

  @JsonPropertyDescription(
      "A Secret of type kubernetes.io/dockerconfigjson (or dockercfg) in the authority's"
          + " namespace with credentials for the signature registry; tried before the workload's"
          + " imagePullSecrets and its service account's.")
  private String credentialsSecretName;

  @JsonPropertyDescription(
      "PEM certificates of the CAs that signed the registry's certificate, trusted beside the"
          + " system's.")
  private String caBundle;

  @JsonPropertyDescription(
      "Whether the registry may be reached over plain HTTP when it does not speak TLS (a test or"
          + " in-cluster registry). TLS is never accepted unverified.")
  private Boolean plainHttp;

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
  }

  public String getCredentialsSecretName() {
    return credentialsSecretName;
  }

  public void setCredentialsSecretName(String credentialsSecretName) {
    this.credentialsSecretName = credentialsSecretName;
  }

  public String getCaBundle() {
    return caBundle;
  }

  public void setCaBundle(String caBundle) {
    this.caBundle = caBundle;
  }

  public Boolean getPlainHttp() {
    return plainHttp;
  }

  public void setPlainHttp(Boolean plainHttp) {
    this.plainHttp = plainHttp;
  }
}
