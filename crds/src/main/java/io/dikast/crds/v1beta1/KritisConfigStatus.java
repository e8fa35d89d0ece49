package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether this KritisConfig is the one in effect, the interval it sets, and which of its settings
 * the operator's own configuration overrides.
 */
public class KritisConfigStatus extends ConditionedStatus {

  @JsonPropertyDescription("The continuous-validation interval in effect, as a Go duration.")
  private String validationInterval;

  @JsonPropertyDescription(
      "The fields set here that the operator's configuration supersedes, e.g. grafeas.addr.")
  private List<String> supersededFields = new ArrayList<>();

  public String getValidationInterval() {
    return validationInterval;
  }

  public void setValidationInterval(String validationInterval) {
    this.validationInterval = validationInterval;
  }

  public List<String> getSupersededFields() {
    return supersededFields;
  }

  public void setSupersededFields(List<String> supersededFields) {
    this.supersededFields = supersededFields == null ? new ArrayList<>() : supersededFields;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KritisConfigStatus other
        && conditionsEqual(other)
        && Objects.equals(validationInterval, other.validationInterval)
        && Objects.equals(supersededFields, other.supersededFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(conditionsHash(), validationInterval, supersededFields);
  }
}
