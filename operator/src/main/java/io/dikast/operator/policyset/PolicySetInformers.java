package io.dikast.operator.policyset;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.PublicKeySource;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.operator.registry.PullSecretStore;
import io.dikast.operator.standalone.StandaloneConfig;
import io.dikast.verifier.policy.PolicyMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Fills the {@link PolicySetView} on every replica from its own informers, leader or not, so each
 * replica that serves the webhook decides with the live policy set. The key-source informers sync
 * before the authority informer starts, so an authority is first published with the keys its
 * ConfigMaps and Secrets hold, never with a transient "not found".
 */
@ApplicationScoped
public class PolicySetInformers implements PullSecretStore {

  private static final Logger LOG = Logger.getLogger(PolicySetInformers.class);
  private static final String NOT_INSTALLED =
      " (its CRD is not installed: apply this version's CRDs, which helm upgrade does not)";

  private final KubernetesClient client;
  private final PolicySetView view;
  private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
  private final Object authorityUpdates = new Object();
  private volatile SharedIndexInformer<ConfigMap> configMaps;
  private volatile SharedIndexInformer<Secret> secrets;
  private volatile SharedIndexInformer<ServiceAccount> serviceAccounts;
  private volatile SharedIndexInformer<AttestationAuthority> authorities;
  private volatile SharedIndexInformer<ImageSecurityPolicy> imagePolicies;
  private volatile SharedIndexInformer<GenericAttestationPolicy> genericPolicies;
  private volatile SharedIndexInformer<ClusterImageSecurityPolicy> clusterPolicies;
  private boolean stopped;

  public PolicySetInformers(KubernetesClient client, PolicySetView view) {
    this.client = client;
    this.view = view;
  }

  // Standalone mode reads its policies from files and has no API server to watch.
  void onStart(@Observes StartupEvent event, StandaloneConfig standalone) {
    if (!standalone.enabled()) {
      start();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  public void start() {
    configMaps = inform(ConfigMap.class, keySourceUpdates());
    secrets = inform(Secret.class, keySourceUpdates());
    // Only read, by cosign lookups for their pull secrets.
    serviceAccounts = inform(ServiceAccount.class, null);
    // Their labels decide which namespaces a cluster policy selects: known before any is published.
    SharedIndexInformer<Namespace> namespaces =
        inform(
            Namespace.class,
            new ViewUpdates<>(
                namespace ->
                    view.putNamespace(
                        namespace.getMetadata().getName(), namespace.getMetadata().getLabels()),
                namespace -> view.removeNamespace(namespace.getMetadata().getName())));
    CompletableFuture.allOf(
            configMaps.start().toCompletableFuture(),
            secrets.start().toCompletableFuture(),
            serviceAccounts.start().toCompletableFuture(),
            namespaces.start().toCompletableFuture())
        .thenRun(this::startPolicyInformers)
        .exceptionally(
            failure -> {
              LOG.error("policy informers did not start: this replica stays unready", failure);
              return null;
            });
  }

  public synchronized void stop() {
    stopped = true;
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
  }

  /**
   * Whether every informer has listed its kind and watches it, and the view holds each policy and
   * authority listed. Informers notify after they store, so a synced store can be ahead of the view
   * for a moment; and a change made between an informer's list and its watch reaches it only from
   * an API server that replays from the list's resourceVersion (the Fabric8 mock server does not).
   */
  public boolean published() {
    return clusterPolicies != null
        && informers.stream().allMatch(SharedIndexInformer::hasSynced)
        && informers.stream().allMatch(SharedIndexInformer::isWatching)
        && all(imagePolicies, PolicyKind.IMAGE_SECURITY_POLICY)
        && all(genericPolicies, PolicyKind.GENERIC_ATTESTATION_POLICY)
        && all(clusterPolicies, PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY)
        && all(authorities, null);
  }

  // Synchronized with stop(), so a shutdown during the key sources' sync never starts them after.
  private synchronized void startPolicyInformers() {
    if (stopped) {
      return;
    }
    authorities =
        start(
            inform(
                AttestationAuthority.class,
                new ViewUpdates<>(this::publishAuthority, this::removeAuthority)));
    imagePolicies =
        start(
            inform(
                ImageSecurityPolicy.class,
                new ViewUpdates<>(
                    policy -> view.putPolicy(PolicyMapper.toPolicy(policy)),
                    policy -> removePolicy(PolicyKind.IMAGE_SECURITY_POLICY, policy))));
    genericPolicies =
        start(
            inform(
                GenericAttestationPolicy.class,
                new ViewUpdates<>(
                    policy -> view.putPolicy(PolicyMapper.toPolicy(policy)),
                    policy -> removePolicy(PolicyKind.GENERIC_ATTESTATION_POLICY, policy))));
    clusterPolicies =
        start(
            inform(
                ClusterImageSecurityPolicy.class,
                new ViewUpdates<>(
                    this::publishClusterPolicy,
                    policy -> view.removeClusterPolicy(policy.getMetadata().getName()))));
  }

  private void publishClusterPolicy(ClusterImageSecurityPolicy policy) {
    String authorityNamespace = view.authorityNamespace();
    view.putClusterPolicy(
        new ClusterPolicy(
            PolicyMapper.toPolicy(policy, authorityNamespace),
            NamespaceSelection.of(
                policy.getSpec().getNamespaceSelector(),
                policy.getSpec().getExcludedNamespaces(),
                authorityNamespace)));
  }

  private <T extends HasMetadata> SharedIndexInformer<T> inform(
      Class<T> type, ResourceEventHandler<T> handler) {
    SharedIndexInformer<T> informer = client.resources(type).inAnyNamespace().runnableInformer(0);
    informer.itemStore(new WithoutManagedFields<>());
    // Retry every failure, also before the first sync: an API server that is briefly away at boot
    // must delay readiness, not leave the replica without a policy set for good.
    informer.exceptionHandler(
        (started, failure) -> {
          LOG.warn(retrying(type.getSimpleName(), failure));
          return true;
        });
    if (handler != null) {
      informer.addEventHandler(handler);
    }
    informers.add(informer);
    return informer;
  }

  // helm upgrade never adds a chart's new CRDs: say so, rather than leave a bare 404 to decode.
  static String retrying(String kind, Throwable failure) {
    return kind
        + " informer retries: "
        + failure.getMessage()
        + (notFound(failure) ? NOT_INSTALLED : "");
  }

  // The informer hands over the list's failure wrapped (a CompletionException).
  private static boolean notFound(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof KubernetesClientException e && e.getCode() == 404) {
        return true;
      }
    }
    return false;
  }

  private static <T extends HasMetadata> SharedIndexInformer<T> start(
      SharedIndexInformer<T> informer) {
    informer.start();
    return informer;
  }

  private boolean all(SharedIndexInformer<? extends HasMetadata> informer, PolicyKind kind) {
    return informer.getStore().list().stream()
        .allMatch(
            resource ->
                view.holds(
                    kind, resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
  }

  private void removePolicy(PolicyKind kind, HasMetadata policy) {
    view.removePolicy(kind, policy.getMetadata().getNamespace(), policy.getMetadata().getName());
  }

  // Serialized, so whichever of an authority event and a key-source event runs last publishes
  // from the newest state of both stores.
  private void publishAuthority(AttestationAuthority authority) {
    synchronized (authorityUpdates) {
      if (authority.getSpec() == null) {
        return;
      }
      StoreKeySources lookup = new StoreKeySources(authority.getMetadata().getNamespace());
      view.putAuthority(
          ResolvedAuthority.from(
              authority, AuthorityKeyResolver.resolve(authority.getSpec(), lookup)));
    }
  }

  private void removeAuthority(AttestationAuthority authority) {
    synchronized (authorityUpdates) {
      view.removeAuthority(
          authority.getMetadata().getNamespace(), authority.getMetadata().getName());
    }
  }

  private <T extends HasMetadata> ViewUpdates<T> keySourceUpdates() {
    return new ViewUpdates<>(this::republishReaders, this::republishReaders);
  }

  /** Re-resolves the authorities of the key source's namespace that read their keys from it. */
  private void republishReaders(HasMetadata source) {
    SharedIndexInformer<AttestationAuthority> current = authorities;
    if (current == null) {
      return;
    }
    Function<PublicKeySource, String> name =
        source instanceof Secret
            ? PublicKeySource::getSecretName
            : PublicKeySource::getConfigMapName;
    current
        .getIndexer()
        .byIndex(Cache.NAMESPACE_INDEX, source.getMetadata().getNamespace())
        .stream()
        .filter(authority -> authority.getSpec() != null)
        .filter(
            authority ->
                authority.getSpec().getPublicKeysFrom().stream()
                    .anyMatch(from -> source.getMetadata().getName().equals(name.apply(from))))
        .forEach(this::publishAuthority);
  }

  /** The Secret as the informer holds it; empty before the informers start. */
  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return stored(secrets, namespace, name);
  }

  /** The service account as the informer holds it; empty before the informers start. */
  @Override
  public Optional<ServiceAccount> serviceAccount(String namespace, String name) {
    return stored(serviceAccounts, namespace, name);
  }

  private static <T extends HasMetadata> Optional<T> stored(
      SharedIndexInformer<T> informer, String namespace, String name) {
    return informer == null
        ? Optional.empty()
        : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
  }

  /** ConfigMaps and Secrets of one namespace, read from the informer stores. */
  private final class StoreKeySources implements KeySourceLookup {

    private final String namespace;

    StoreKeySources(String namespace) {
      this.namespace = namespace;
    }

    @Override
    public Optional<Map<String, String>> configMap(String name) {
      return Optional.ofNullable(configMaps.getStore().getByKey(namespace + "/" + name))
          .map(map -> map.getData() == null ? Map.of() : map.getData());
    }

    @Override
    public Optional<Map<String, String>> secret(String name) {
      return Optional.ofNullable(secrets.getStore().getByKey(namespace + "/" + name))
          .map(KeySourceLookup::secretText);
    }
  }
}
