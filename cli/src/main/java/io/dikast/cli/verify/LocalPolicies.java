package io.dikast.cli.verify;

import io.dikast.engine.policy.Policy;
import io.dikast.engine.workload.PodSpecKind;
import io.dikast.verifier.decision.KnownAuthority;
import java.util.List;
import java.util.Map;

/** The policies and authorities read from files, by namespace, as the cluster would hold them. */
final class LocalPolicies {

  private final Map<String, List<Policy>> policies;
  private final Map<String, Map<String, KnownAuthority>> authorities;

  LocalPolicies(
      Map<String, List<Policy>> policies, Map<String, Map<String, KnownAuthority>> authorities) {
    this.policies = policies;
    this.authorities = authorities;
  }

  List<Policy> policies(String namespace) {
    return policies.getOrDefault(namespace, List.of());
  }

  /** Where the namespace's policies say kinds without a built-in model keep their pod spec. */
  List<PodSpecKind> podSpecKinds(String namespace) {
    return policies(namespace).stream()
        .flatMap(policy -> policy.podSpecKinds().stream())
        .distinct()
        .toList();
  }

  Map<String, KnownAuthority> authorities(String namespace) {
    return authorities.getOrDefault(namespace, Map.of());
  }
}
