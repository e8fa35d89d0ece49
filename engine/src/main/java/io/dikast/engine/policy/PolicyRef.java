package io.dikast.engine.policy;

import java.util.Comparator;
import java.util.Objects;

/** Names one policy: its kind, namespace (empty for a cluster-scoped kind) and name. */
public record PolicyRef(PolicyKind kind, String namespace, String name) {

  /**
   * Policies in a stable order (kind, namespace, name), so decisions list them deterministically.
   */
  public static final Comparator<PolicyRef> ORDER =
      Comparator.comparing(PolicyRef::kind)
          .thenComparing(PolicyRef::namespace)
          .thenComparing(PolicyRef::name);

  public PolicyRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  public static PolicyRef of(Policy policy) {
    return new PolicyRef(policy.kind(), policy.namespace(), policy.name());
  }

  /**
   * {@code ImageSecurityPolicy/payments/qa-only}, or {@code ClusterImageSecurityPolicy/baseline}:
   * one token, as audit annotations list policies.
   */
  public String auditName() {
    return kind.kind() + "/" + qualifiedName();
  }

  /** {@code payments/qa-only}, or {@code baseline} for a cluster-scoped policy. */
  public String qualifiedName() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** {@code ImageSecurityPolicy payments/qa-only}, as messages name a policy. */
  @Override
  public String toString() {
    return kind.kind() + " " + qualifiedName();
  }
}
