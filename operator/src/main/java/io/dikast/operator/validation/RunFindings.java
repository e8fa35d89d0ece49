package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.engine.policy.PolicyRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** What one run found, per policy and per namespace, as pods' verdicts come in. */
final class RunFindings {

  /** One policy's result: the violating pods, or the outage that kept the run from judging. */
  record PolicyResult(int violations, List<String> violatingPods, Optional<String> outage) {}

  private final Map<PolicyRef, TreeSet<String>> violatingPods = new HashMap<>();
  private final Map<String, String> outages = new HashMap<>();

  void record(String namespace, String pod, PodVerdict verdict) {
    if (verdict instanceof PodVerdict.Violating violating) {
      for (PolicyRef policy : violating.policies()) {
        // A cluster policy's pods are in many namespaces: each is listed with its own.
        String shown = policy.kind().clusterScoped() ? namespace + "/" + pod : pod;
        violatingPods.computeIfAbsent(policy, key -> new TreeSet<>()).add(shown);
      }
    } else if (verdict instanceof PodVerdict.Unknown unknown) {
      outages.putIfAbsent(namespace, unknown.outage());
    }
  }

  /** The result for {@code policy}, its pod list bounded as the CRD allows and sorted. */
  PolicyResult resultFor(PolicyRef policy) {
    TreeSet<String> pods = violatingPods.getOrDefault(policy, new TreeSet<>());
    List<String> shown = new ArrayList<>(pods).subList(0, Math.min(pods.size(), limit()));
    return new PolicyResult(pods.size(), List.copyOf(shown), outage(policy));
  }

  // A cluster policy spans namespaces; an outage in any of them leaves its count unknown.
  private Optional<String> outage(PolicyRef policy) {
    return policy.kind().clusterScoped()
        ? outages.values().stream().findFirst()
        : Optional.ofNullable(outages.get(policy.namespace()));
  }

  int violatingPolicyCount() {
    return violatingPods.size();
  }

  boolean hadOutage() {
    return !outages.isEmpty();
  }

  private static int limit() {
    return PolicyStatus.MAX_VIOLATING_PODS;
  }
}
