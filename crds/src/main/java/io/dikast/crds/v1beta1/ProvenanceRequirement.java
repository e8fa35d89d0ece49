package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dikast: signed build provenance an image needs, from one authority, with the builders and source
 * repositories it may name.
 */
public class ProvenanceRequirement {

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription(
      "The AttestationAuthority (same namespace) that signs build provenance: a Grafeas BUILD"
          + " occurrence under its note, on the image digest, whose DSSE envelope holds an in-toto"
          + " statement of SLSA provenance (https://slsa.dev/provenance/v1 or v0.2) signed by one"
          + " of its keys.")
  private String authorityName;

  @JsonPropertyDescription(
      "Builder ids the provenance may name (v1 runDetails.builder.id, v0.2 builder.id), as"
          + " anchored patterns: * matches within a path segment, ** across segments. Empty or"
          + " absent: any builder.")
  private List<String> builderIdPatterns = new ArrayList<>();

  @JsonPropertyDescription(
      "Source repositories one of which the provenance must name (v1 resolvedDependencies[].uri,"
          + " externalParameters.workflow.repository and externalParameters.source; v0.2"
          + " invocation.configSource.uri and materials[].uri), compared without a trailing @<ref>,"
          + " as anchored patterns like builderIdPatterns, e.g. git+https://github.com/acme/**."
          + " Empty or absent: any source.")
  private List<String> sourceRepositoryPatterns = new ArrayList<>();

  public String getAuthorityName() {
    return authorityName;
  }

  public void setAuthorityName(String authorityName) {
    this.authorityName = authorityName;
  }

  public List<String> getBuilderIdPatterns() {
    return builderIdPatterns;
  }

  public void setBuilderIdPatterns(List<String> builderIdPatterns) {
    this.builderIdPatterns = builderIdPatterns == null ? new ArrayList<>() : builderIdPatterns;
  }

  public List<String> getSourceRepositoryPatterns() {
    return sourceRepositoryPatterns;
  }

  public void setSourceRepositoryPatterns(List<String> sourceRepositoryPatterns) {
    this.sourceRepositoryPatterns =
        sourceRepositoryPatterns == null ? new ArrayList<>() : sourceRepositoryPatterns;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProvenanceRequirement other
        && Objects.equals(authorityName, other.authorityName)
        && Objects.equals(builderIdPatterns, other.builderIdPatterns)
        && Objects.equals(sourceRepositoryPatterns, other.sourceRepositoryPatterns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(authorityName, builderIdPatterns, sourceRepositoryPatterns);
  }
}
