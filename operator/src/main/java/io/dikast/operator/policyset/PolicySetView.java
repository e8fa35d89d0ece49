package io.dikast.operator.policyset;

import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.PolicyRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The policies and authorities of every namespace, kept in memory by {@link PolicySetInformers} so
 * admission never calls the API server. Writers replace a namespace's snapshot atomically
 * (copy-on-write); {@link #snapshot(String)} is a lock-free read of a whole snapshot.
 *
 * <p>ClusterImageSecurityPolicies live in a {@link ClusterLayer}, replaced whole when one of them,
 * a namespace's labels, or an authority of the operator's namespace changes; a namespace's snapshot
 * includes those that select it, with those authorities under {@code <namespace>/<name>}.
 */
@ApplicationScoped
public class PolicySetView {

  private static final Logger LOG = Logger.getLogger(PolicySetView.class);

  private final Map<String, NamespacePolicies> namespaces = new ConcurrentHashMap<>();
  private final Map<String, ClusterPolicy> clusterPolicies = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> namespaceLabels = new ConcurrentHashMap<>();
  private final List<Consumer<AuthorityChange>> listeners = new CopyOnWriteArrayList<>();
  private final String authorityNamespace;
  private volatile ClusterLayer layer = ClusterLayer.EMPTY;
  private volatile boolean loaded;

  @Inject
  public PolicySetView(ClusterPolicyConfig config) {
    this(config.authorityNamespace());
  }

  /** A view whose cluster policies name authorities of {@code authorityNamespace}. */
  public PolicySetView(String authorityNamespace) {
    this.authorityNamespace = authorityNamespace;
  }

  /** The namespace's own policies and authorities, with the cluster policies that select it. */
  public NamespacePolicies snapshot(String namespace) {
    return layer.compose(namespace, own(namespace));
  }

  /** The policy {@code ref} names, as admission enforces it; empty until the view holds it. */
  public Optional<Policy> policy(PolicyRef ref) {
    if (ref.kind().clusterScoped()) {
      return Optional.ofNullable(clusterPolicies.get(ref.name())).map(ClusterPolicy::policy);
    }
    return own(ref.namespace()).policies().stream()
        .filter(policy -> policy.kind() == ref.kind() && policy.name().equals(ref.name()))
        .findFirst();
  }

  /** Where every cluster policy's authorities are: the operator's namespace. */
  public String authorityNamespace() {
    return authorityNamespace;
  }

  /** The known namespaces {@code clusterPolicy} applies to, in name order. */
  public List<String> selectedNamespaces(String clusterPolicy) {
    ClusterLayer current = layer;
    return current.policies().stream()
        .filter(policy -> policy.name().equals(clusterPolicy))
        .findFirst()
        .map(
            policy ->
                current.namespaces().entrySet().stream()
                    .filter(namespace -> policy.selects(namespace.getKey(), namespace.getValue()))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList())
        .orElse(List.of());
  }

  public void putClusterPolicy(ClusterPolicy policy) {
    clusterPolicies.put(policy.name(), policy);
    rebuildLayer();
  }

  public void removeClusterPolicy(String name) {
    clusterPolicies.remove(name);
    rebuildLayer();
  }

  public void putNamespace(String name, Map<String, String> labels) {
    namespaceLabels.put(name, labels == null ? Map.of() : Map.copyOf(labels));
    rebuildLayer();
  }

  public void removeNamespace(String name) {
    namespaceLabels.remove(name);
    rebuildLayer();
  }

  private NamespacePolicies own(String namespace) {
    return namespaces.getOrDefault(namespace, NamespacePolicies.EMPTY);
  }

  // Synchronized so that of two concurrent changes the last rebuild reads both.
  private synchronized void rebuildLayer() {
    layer =
        clusterPolicies.isEmpty()
            ? ClusterLayer.EMPTY
            : new ClusterLayer(
                List.copyOf(clusterPolicies.values()),
                namespaceLabels,
                ClusterLayer.qualified(authorityNamespace, own(authorityNamespace)));
  }

  public void putPolicy(Policy policy) {
    update(policy.namespace(), snapshot -> snapshot.withPolicy(policy));
  }

  public void removePolicy(PolicyKind kind, String namespace, String name) {
    update(namespace, snapshot -> snapshot.withoutPolicy(kind, name));
  }

  public void putAuthority(ResolvedAuthority authority) {
    ResolvedAuthority previous =
        update(authority.namespace(), snapshot -> snapshot.withAuthority(authority))
            .authorities()
            .get(authority.name());
    String previousVersion = previous == null ? null : previous.keySetVersion();
    if (!authority.keySetVersion().equals(previousVersion)) {
      fire(
          new AuthorityChange(
              authority.namespace(), authority.name(), previousVersion, authority.keySetVersion()));
    }
  }

  public void removeAuthority(String namespace, String name) {
    ResolvedAuthority previous =
        update(namespace, snapshot -> snapshot.withoutAuthority(name)).authorities().get(name);
    if (previous != null) {
      fire(new AuthorityChange(namespace, name, previous.keySetVersion(), null));
    }
  }

  /**
   * Whether every policy and authority that existed when the operator started has been published.
   * Before that an empty namespace may only look empty, so admission must not trust the view.
   */
  public boolean isLoaded() {
    return loaded;
  }

  /** Called once the informers have published everything the API server lists. */
  public void markLoaded() {
    loaded = true;
  }

  /** Whether the view holds the policy of {@code kind} or, with a null kind, the authority. */
  boolean holds(PolicyKind kind, String namespace, String name) {
    if (kind != null && kind.clusterScoped()) {
      return clusterPolicies.containsKey(name);
    }
    NamespacePolicies snapshot = own(namespace);
    return kind == null
        ? snapshot.authorities().containsKey(name)
        : snapshot.policies().stream()
            .anyMatch(policy -> policy.kind() == kind && policy.name().equals(name));
  }

  /** Registers a listener called, on the informer's thread, after each key-set change. */
  public void addListener(Consumer<AuthorityChange> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<AuthorityChange> listener) {
    listeners.remove(listener);
  }

  /** Applies {@code change} atomically and returns the snapshot it replaced. */
  private NamespacePolicies update(String namespace, UnaryOperator<NamespacePolicies> change) {
    NamespacePolicies[] previous = {NamespacePolicies.EMPTY};
    namespaces.compute(
        namespace,
        (key, current) -> {
          previous[0] = current == null ? NamespacePolicies.EMPTY : current;
          NamespacePolicies next = change.apply(previous[0]);
          return next.isEmpty() ? null : next;
        });
    if (namespace.equals(authorityNamespace)) {
      rebuildLayer();
    }
    return previous[0];
  }

  private void fire(AuthorityChange change) {
    for (Consumer<AuthorityChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.errorf(
            e, "authority change listener failed for %s/%s", change.namespace(), change.name());
      }
    }
  }
}
