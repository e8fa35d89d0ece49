package io.dikast.engine.policy;

import io.dikast.engine.policy.DecisionMessages.Leniency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies each violated policy's modes (dry run, backend outage, break-glass) to its violations,
 * and warns where a policy counted attestations from before an outage.
 */
final class DecisionBuilder {

  private final boolean breakglassRequested;
  private final List<String> denials = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Map<PolicyRef, PolicyOutcome> outcomes = new LinkedHashMap<>();
  private boolean breakglassForbidden;

  DecisionBuilder(boolean breakglassRequested, List<Policy> orderedPolicies) {
    this.breakglassRequested = breakglassRequested;
    orderedPolicies.forEach(policy -> outcomes.put(PolicyRef.of(policy), PolicyOutcome.PASSED));
  }

  /** Records the violation as its policy's modes say; returns what it made of it. */
  PolicyOutcome add(Violation violation) {
    Policy policy = violation.policy();
    if (policy.enforcementMode() == EnforcementMode.DRY_RUN) {
      return warn(violation, Leniency.DRY_RUN, PolicyOutcome.DRY_RUN_VIOLATION);
    } else if (violation.backendOutage()
        && policy.onBackendUnavailable() == BackendUnavailableMode.ALLOW) {
      return warn(violation, Leniency.BACKEND_OUTAGE_ALLOWED, PolicyOutcome.BACKEND_OUTAGE_ALLOWED);
    } else if (breakglassRequested && policy.breakglass() == BreakglassMode.ALLOW) {
      return warn(violation, Leniency.BREAKGLASS, PolicyOutcome.BREAKGLASS_BYPASSED);
    } else if (breakglassRequested) {
      breakglassForbidden = true;
      return deny(violation, DecisionMessages.denialWithBreakglassForbidden(violation));
    } else {
      return deny(violation, DecisionMessages.denial(violation));
    }
  }

  void add(CachedFactsUse use) {
    warnings.add(DecisionMessages.cachedFactsWarning(use));
    record(use.policy(), PolicyOutcome.CACHED_FACTS_USED);
  }

  Decision build() {
    return new Decision(denials, warnings, outcomes, auditAnnotations());
  }

  private PolicyOutcome warn(Violation violation, Leniency leniency, PolicyOutcome outcome) {
    warnings.add(DecisionMessages.warning(violation, leniency));
    record(violation.policy(), outcome);
    return outcome;
  }

  private PolicyOutcome deny(Violation violation, String line) {
    denials.add(line);
    record(violation.policy(), PolicyOutcome.DENIED);
    return PolicyOutcome.DENIED;
  }

  private void record(Policy policy, PolicyOutcome outcome) {
    outcomes.merge(PolicyRef.of(policy), outcome, PolicyOutcome::worse);
  }

  private Map<String, String> auditAnnotations() {
    Map<String, String> audit = new LinkedHashMap<>();
    audit.put("decision", denials.isEmpty() ? "allowed" : "denied");
    if (breakglassRequested) {
      audit.put("breakglass", breakglassUse());
    }
    for (PolicyOutcome outcome : PolicyOutcome.values()) {
      String policies = policiesWith(outcome);
      if (outcome != PolicyOutcome.PASSED && !policies.isEmpty()) {
        audit.put(outcome.auditKey(), policies);
      }
    }
    return audit;
  }

  private String breakglassUse() {
    if (breakglassForbidden) {
      return "forbidden";
    }
    return outcomes.containsValue(PolicyOutcome.BREAKGLASS_BYPASSED) ? "applied" : "unused";
  }

  private String policiesWith(PolicyOutcome outcome) {
    return Decision.policiesWith(outcomes, outcome).stream()
        .map(PolicyRef::auditName)
        .collect(Collectors.joining(","));
  }
}
