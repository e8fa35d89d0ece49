package io.dikast.operator.policyset;

import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.workload.PodSpecKind;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An immutable snapshot of one namespace: every ImageSecurityPolicy and GenericAttestationPolicy
 * (ready or not: a policy that is not ready is still enforced) and every authority.
 */
public record NamespacePolicies(List<Policy> policies, Map<String, ResolvedAuthority> authorities) {

  public static final NamespacePolicies EMPTY = new NamespacePolicies(List.of(), Map.of());

  private static final Comparator<Policy> ORDER =
      Comparator.comparing(Policy::kind).thenComparing(Policy::name);

  public NamespacePolicies {
    policies = List.copyOf(policies);
    authorities = Map.copyOf(authorities);
  }

  public Optional<ResolvedAuthority> authority(String name) {
    return Optional.ofNullable(authorities.get(name));
  }

  /** Where the namespace's policies say kinds without a built-in model keep their pod spec. */
  public List<PodSpecKind> podSpecKinds() {
    return policies.stream().flatMap(policy -> policy.podSpecKinds().stream()).distinct().toList();
  }

  public boolean isEmpty() {
    return policies.isEmpty() && authorities.isEmpty();
  }

  NamespacePolicies withPolicy(Policy policy) {
    List<Policy> next =
        Stream.concat(others(policy.kind(), policy.name()), Stream.of(policy))
            .sorted(ORDER)
            .toList();
    return new NamespacePolicies(next, authorities);
  }

  NamespacePolicies withoutPolicy(PolicyKind kind, String name) {
    return new NamespacePolicies(others(kind, name).toList(), authorities);
  }

  NamespacePolicies withAuthority(ResolvedAuthority authority) {
    Map<String, ResolvedAuthority> next = new HashMap<>(authorities);
    next.put(authority.name(), authority);
    return new NamespacePolicies(policies, next);
  }

  NamespacePolicies withoutAuthority(String name) {
    Map<String, ResolvedAuthority> next = new HashMap<>(authorities);
    next.remove(name);
    return new NamespacePolicies(policies, next);
  }

  private Stream<Policy> others(PolicyKind kind, String name) {
    return policies.stream().filter(p -> p.kind() != kind || !p.name().equals(name));
  }
}
