package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** An image name pattern a GenericAttestationPolicy exempts. */
public class AdmissionAllowlistPattern {

  @Required
  @JsonPropertyDescription(
      "An image reference pattern: * matches within a path segment, ** across segments.")
  private String namePattern;

  public AdmissionAllowlistPattern() {}

  public AdmissionAllowlistPattern(String namePattern) {
    this.namePattern = namePattern;
  }

  public String getNamePattern() {
    return namePattern;
  }

  public void setNamePattern(String namePattern) {
    this.namePattern = namePattern;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdmissionAllowlistPattern other
        && Objects.equals(namePattern, other.namePattern);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(namePattern);
  }
}
