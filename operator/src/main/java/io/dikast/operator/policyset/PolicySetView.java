package io.dikast.operator.policyset;

import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The policies and authorities of every namespace, kept in memory by {@link PolicySetInformers} so
 * admission never calls the API server. Writers replace a namespace's snapshot atomically
 * (copy-on-write); {@link #snapshot(String)} is a lock-free read of a whole snapshot.
 */
@ApplicationScoped
public class PolicySetView {

  private static final Logger LOG = Logger.getLogger(PolicySetView.class);

  private final Map<String, NamespacePolicies> namespaces = new ConcurrentHashMap<>();
  private final List<Consumer<AuthorityChange>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean loaded;

  public NamespacePolicies snapshot(String namespace) {
    return namespaces.getOrDefault(namespace, NamespacePolicies.EMPTY);
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
    NamespacePolicies snapshot = snapshot(namespace);
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
