package io.dikast.grafeas.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The part of a Grafeas v1alpha1 occurrence the article writes: a PGP-signed attestation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V1alpha1Occurrence(
    String name,
    String resourceUrl,
    String noteName,
    String kind,
    Attestation attestation,
    String createTime,
    String updateTime) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Attestation(PgpSignedAttestation pgpSignedAttestation) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PgpSignedAttestation(String signature, String contentType, String pgpKeyId) {}
}
