package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The status both policy kinds share. */
public class PolicyStatus extends ConditionedStatus {

  /** Bounds {@link #getViolatingPods()} so a large namespace cannot bloat the object. */
  public static final int MAX_VIOLATING_PODS = 50;

  @JsonPropertyDescription("The authorities the policy requires, in order.")
  private List<String> resolvedAuthorities = new ArrayList<>();

  @JsonPropertyDescription(
      "Printable summary of the required authorities, e.g. qa,security or 2 of 3:"
          + " qa,security,release.")
  private String authorities;

  @JsonPropertyDescription(
      "Dikast: the authorities whose signed build provenance the policy requires, e.g. ci.")
  private String provenanceAuthorities;

  @JsonPropertyDescription("The enforcement mode in effect.")
  private String enforcementMode;

  @JsonPropertyDescription("Denials by this policy.")
  private Denials denials;

  @JsonPropertyDescription("The last break-glass bypass of this policy.")
  private Breakglass lastBreakglass;

  @JsonPropertyDescription("Running pods that violate the policy, found by continuous validation.")
  private Integer violations;

  @Size(max = MAX_VIOLATING_PODS)
  @JsonPropertyDescription("Names of violating pods (at most 50).")
  private List<String> violatingPods = new ArrayList<>();

  @JsonPropertyDescription("When continuous validation last ran (RFC 3339).")
  private String lastValidationTime;

  @JsonPropertyDescription(
      "Dikast: the running pods the policy would deny if enforced, as the last"
          + " kritis.grafeas.io/what-if request found.")
  private WhatIf whatIf;

  public List<String> getResolvedAuthorities() {
    return resolvedAuthorities;
  }

  public void setResolvedAuthorities(List<String> resolvedAuthorities) {
    this.resolvedAuthorities =
        resolvedAuthorities == null ? new ArrayList<>() : resolvedAuthorities;
  }

  public String getProvenanceAuthorities() {
    return provenanceAuthorities;
  }

  public void setProvenanceAuthorities(String provenanceAuthorities) {
    this.provenanceAuthorities = provenanceAuthorities;
  }

  public String getAuthorities() {
    return authorities;
  }

  public void setAuthorities(String authorities) {
    this.authorities = authorities;
  }

  public String getEnforcementMode() {
    return enforcementMode;
  }

  public void setEnforcementMode(String enforcementMode) {
    this.enforcementMode = enforcementMode;
  }

  public Denials getDenials() {
    return denials;
  }

  public void setDenials(Denials denials) {
    this.denials = denials;
  }

  public Breakglass getLastBreakglass() {
    return lastBreakglass;
  }

  public void setLastBreakglass(Breakglass lastBreakglass) {
    this.lastBreakglass = lastBreakglass;
  }

  public Integer getViolations() {
    return violations;
  }

  public void setViolations(Integer violations) {
    this.violations = violations;
  }

  public List<String> getViolatingPods() {
    return violatingPods;
  }

  public void setViolatingPods(List<String> violatingPods) {
    this.violatingPods = violatingPods == null ? new ArrayList<>() : violatingPods;
  }

  public String getLastValidationTime() {
    return lastValidationTime;
  }

  public void setLastValidationTime(String lastValidationTime) {
    this.lastValidationTime = lastValidationTime;
  }

  public WhatIf getWhatIf() {
    return whatIf;
  }

  public void setWhatIf(WhatIf whatIf) {
    this.whatIf = whatIf;
  }

  @Override
  public boolean equals(Object o) {
    // The class, not instanceof: a ClusterPolicyStatus is never equal to a bare PolicyStatus.
    return o != null
        && o.getClass() == getClass()
        && o instanceof PolicyStatus other
        && conditionsEqual(other)
        && Objects.equals(resolvedAuthorities, other.resolvedAuthorities)
        && Objects.equals(authorities, other.authorities)
        && Objects.equals(provenanceAuthorities, other.provenanceAuthorities)
        && Objects.equals(enforcementMode, other.enforcementMode)
        && Objects.equals(denials, other.denials)
        && Objects.equals(lastBreakglass, other.lastBreakglass)
        && Objects.equals(violations, other.violations)
        && Objects.equals(violatingPods, other.violatingPods)
        && Objects.equals(lastValidationTime, other.lastValidationTime)
        && Objects.equals(whatIf, other.whatIf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        conditionsHash(),
        resolvedAuthorities,
        authorities,
        provenanceAuthorities,
        enforcementMode,
        denials,
        lastBreakglass,
        violations,
        violatingPods,
        lastValidationTime,
        whatIf);
  }
}
