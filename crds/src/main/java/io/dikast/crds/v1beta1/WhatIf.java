package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dikast: what the policy would deny among the namespace's running pods if it were enforced, as the
 * last {@code kritis.grafeas.io/what-if} request found; nothing is denied or marked for it.
 */
public class WhatIf {

  @JsonPropertyDescription("The value of the kritis.grafeas.io/what-if annotation answered.")
  private String request;

  @JsonPropertyDescription("When the running pods were evaluated (RFC 3339).")
  private String evaluatedAt;

  @JsonPropertyDescription("How many running pods were evaluated.")
  private Integer pods;

  @JsonPropertyDescription("How many of them the policy would deny if enforced.")
  private Integer wouldDeny;

  @Size(max = PolicyStatus.MAX_VIOLATING_PODS)
  @JsonPropertyDescription("The pods it would deny and why, one line each (at most 50).")
  private List<String> deniedPods = new ArrayList<>();

  @JsonPropertyDescription(
      "Pods whose attestations could not be checked (a backend outage); counted in neither.")
  private Integer unknown;

  public String getRequest() {
    return request;
  }

  public void setRequest(String request) {
    this.request = request;
  }

  public String getEvaluatedAt() {
    return evaluatedAt;
  }

  public void setEvaluatedAt(String evaluatedAt) {
    this.evaluatedAt = evaluatedAt;
  }

  public Integer getPods() {
    return pods;
  }

  public void setPods(Integer pods) {
    this.pods = pods;
  }

  public Integer getWouldDeny() {
    return wouldDeny;
  }

  public void setWouldDeny(Integer wouldDeny) {
    this.wouldDeny = wouldDeny;
  }

  public List<String> getDeniedPods() {
    return deniedPods;
  }

  public void setDeniedPods(List<String> deniedPods) {
    this.deniedPods = deniedPods == null ? new ArrayList<>() : deniedPods;
  }

  public Integer getUnknown() {
    return unknown;
  }

  public void setUnknown(Integer unknown) {
    this.unknown = unknown;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WhatIf other
        && Objects.equals(request, other.request)
        && Objects.equals(evaluatedAt, other.evaluatedAt)
        && Objects.equals(pods, other.pods)
        && Objects.equals(wouldDeny, other.wouldDeny)
        && Objects.equals(deniedPods, other.deniedPods)
        && Objects.equals(unknown, other.unknown);
  }

  @Override
  public int hashCode() {
    return Objects.hash(request, evaluatedAt, pods, wouldDeny, deniedPods, unknown);
  }
}
