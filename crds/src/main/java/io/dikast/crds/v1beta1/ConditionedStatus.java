package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The part of every Dikast status that follows the Kubernetes conditions convention. */
public abstract class ConditionedStatus {

  @JsonPropertyDescription(
      "Kubernetes-style conditions; Ready tells whether the resource is usable and why not.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  private Long observedGeneration;

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  protected boolean conditionsEqual(ConditionedStatus other) {
    return Objects.equals(conditions, other.conditions)
        && Objects.equals(observedGeneration, other.observedGeneration);
  }

  protected int conditionsHash() {
    return Objects.hash(conditions, observedGeneration);
  }
}
