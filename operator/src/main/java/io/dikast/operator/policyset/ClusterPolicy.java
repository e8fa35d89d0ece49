package io.dikast.operator.policyset;

import io.dikast.engine.policy.Policy;
import java.util.Map;
import java.util.Objects;

/** A ClusterImageSecurityPolicy: the policy admission judges by, and where it applies. */
public record ClusterPolicy(Policy policy, NamespaceSelection selection) {

  public ClusterPolicy {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(selection, "selection");
  }

  public String name() {
    return policy.name();
  }

  boolean selects(String namespace, Map<String, String> labels) {
    return selection.selects(namespace, labels);
  }
}
