package io.dikast.grafeas.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The part of a Grafeas v1alpha1 note the article writes: an attestation authority. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V1alpha1Note(
    String name,
    String shortDescription,
    String longDescription,
    String kind,
    AttestationAuthority attestationAuthority,
    String createTime,
    String updateTime) {

  public record AttestationAuthority(Hint hint) {}

  public record Hint(String humanReadableName) {}
}
