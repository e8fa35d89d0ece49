package io.dikast.operator.policyset;

import io.dikast.engine.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster policies with what they need to be added to a namespace's snapshot: every namespace's
 * labels and the authorities of the operator's namespace, under {@code <namespace>/<name>}.
 * Immutable but for a memo of composed snapshots, each valid while the namespace's own snapshot is
 * the one it was composed from, so a warm admission composes nothing.
 */
final class ClusterLayer {

  static final ClusterLayer EMPTY = new ClusterLayer(List.of(), Map.of(), Map.of());

  private static final Comparator<Policy> ORDER =
      Comparator.comparing(Policy::kind).thenComparing(Policy::name);

  private final List<ClusterPolicy> policies;
  private final Map<String, Map<String, String>> namespaceLabels;
  private final Map<String, ResolvedAuthority> authorities;
  private final Map<String, Composed> composed = new ConcurrentHashMap<>();

  private record Composed(NamespacePolicies own, NamespacePolicies withClusterPolicies) {}

  ClusterLayer(
      List<ClusterPolicy> policies,
      Map<String, Map<String, String>> namespaceLabels,
      Map<String, ResolvedAuthority> authorities) {
    this.policies = policies.stream().sorted(Comparator.comparing(ClusterPolicy::name)).toList();
    this.namespaceLabels = Map.copyOf(namespaceLabels);
    this.authorities = Map.copyOf(authorities);
  }

  /** {@code authorityNamespace}'s authorities, named as cluster policies name them. */
  static Map<String, ResolvedAuthority> qualified(
      String authorityNamespace, NamespacePolicies snapshot) {
    Map<String, ResolvedAuthority> byName = new HashMap<>();
    snapshot
        .authorities()
        .forEach((name, authority) -> byName.put(authorityNamespace + "/" + name, authority));
    return byName;
  }

  List<ClusterPolicy> policies() {
    return policies;
  }

  Optional<Map<String, String>> labels(String namespace) {
    return Optional.ofNullable(namespaceLabels.get(namespace));
  }

  /** Every namespace known to the view, with its labels. */
  Map<String, Map<String, String>> namespaces() {
    return namespaceLabels;
  }

  /**
   * {@code own} with the cluster policies that select {@code namespace}. A namespace the informer
   * has not listed yet is judged with no labels: a selector that needs a label does not pick it.
   */
  NamespacePolicies compose(String namespace, NamespacePolicies own) {
    if (policies.isEmpty()) {
      return own;
    }
    Composed memo = composed.get(namespace);
    if (memo != null && memo.own() == own) {
      return memo.withClusterPolicies();
    }
    NamespacePolicies next = withSelected(namespace, own);
    composed.put(namespace, new Composed(own, next));
    return next;
  }

  private NamespacePolicies withSelected(String namespace, NamespacePolicies own) {
    Map<String, String> labels = namespaceLabels.getOrDefault(namespace, Map.of());
    List<Policy> selected =
        policies.stream()
            .filter(policy -> policy.selects(namespace, labels))
            .map(ClusterPolicy::policy)
            .toList();
    if (selected.isEmpty()) {
      return own;
    }
    List<Policy> all = new ArrayList<>(own.policies());
    all.addAll(selected);
    all.sort(ORDER);
    Map<String, ResolvedAuthority> known = new HashMap<>(own.authorities());
    known.putAll(authorities);
    return new NamespacePolicies(all, known);
  }
}
