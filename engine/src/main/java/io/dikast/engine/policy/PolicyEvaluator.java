package io.dikast.engine.policy;

import io.dikast.engine.workload.Workload;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a workload may run under the policies of its namespace.
 *
 * <p>Two pure steps, so the caller can fetch facts in parallel in between: {@link #requiredChecks}
 * and {@link #requiredVulnerabilityChecks} name the facts needed, {@link #evaluate} decides from
 * whatever facts arrived. Every policy must pass for every image; no policy at all admits
 * everything.
 */
public final class PolicyEvaluator {

  private static final Comparator<Policy> POLICY_ORDER =
      Comparator.comparing(PolicyRef::of, PolicyRef.ORDER);

  /** The (authority, pinned image) pairs to verify; allowlisted and unpinned images need none. */
  public Set<AttestationCheck> requiredChecks(Workload workload, List<Policy> policies) {
    Set<AttestationCheck> checks = new LinkedHashSet<>();
    for (String image : workload.distinctImages()) {
      for (Policy policy : ordered(policies)) {
        checks.addAll(new ImageUnderPolicy(image, policy).requiredChecks());
      }
    }
    return checks;
  }

  /**
   * The pinned images whose vulnerability findings some policy needs; allowlisted and unpinned
   * images need none, nor do policies without vulnerability requirements.
   */
  public Set<VulnerabilityCheck> requiredVulnerabilityChecks(
      Workload workload, List<Policy> policies) {
    Set<VulnerabilityCheck> checks = new LinkedHashSet<>();
    for (String image : workload.distinctImages()) {
      for (Policy policy : ordered(policies)) {
        new ImageUnderPolicy(image, policy).requiredVulnerabilityCheck().ifPresent(checks::add);
      }
    }
    return checks;
  }

  /**
   * The decision from attestation facts alone: any vulnerability requirement among the policies
   * counts as unanswered.
   */
  public Decision evaluate(
      Workload workload, List<Policy> policies, Map<AttestationCheck, AttestationFact> facts) {
    return evaluate(workload, policies, facts, Map.of());
  }

  /**
   * The decision from the facts the backends produced. A check absent from the facts counts as
   * unavailable, never as verified nor as free of vulnerabilities. An unavailable check's last
   * verification counts only for a policy with {@code onBackendUnavailable: UseCachedFacts}, within
   * its {@code cachedFactsMaxAge}, and with a warning.
   */
  public Decision evaluate(
      Workload workload,
      List<Policy> policies,
      Map<AttestationCheck, AttestationFact> attestations,
      Map<VulnerabilityCheck, VulnerabilityFact> vulnerabilities) {
    List<Policy> ordered = ordered(policies);
    DecisionBuilder decision = new DecisionBuilder(workload.breakglassRequested(), ordered);
    for (String image : workload.distinctImages()) {
      for (Policy policy : ordered) {
        ImageUnderPolicy judged = new ImageUnderPolicy(image, policy);
        PolicyOutcome outcome =
            judged
                .violation(attestations, vulnerabilities)
                .map(decision::add)
                .orElse(PolicyOutcome.PASSED);
        // Where the policy denies the image anyway, the attestations it counted change nothing.
        if (outcome != PolicyOutcome.DENIED) {
          judged.cachedFactsUse(attestations).ifPresent(decision::add);
        }
      }
    }
    return decision.build();
  }

  private static List<Policy> ordered(List<Policy> policies) {
    return policies.stream().sorted(POLICY_ORDER).toList();
  }
}
