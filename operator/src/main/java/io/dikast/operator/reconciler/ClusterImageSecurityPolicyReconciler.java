package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicySpec;
import io.dikast.crds.v1beta1.ClusterPolicyStatus;
import io.dikast.operator.policyset.ClusterPolicyConfig;
import io.dikast.operator.policyset.NamespaceSelection;
import io.dikast.operator.policyset.WithoutManagedFields;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves a ClusterImageSecurityPolicy's authorities in the operator's namespace and reports
 * Ready, how many namespaces it applies to and which it never applies to. Admission enforces it
 * from the policy set's own informers, whether it is ready or not.
 */
@ControllerConfiguration(
    name = "clusterimagesecuritypolicy",
    informer = @Informer(itemStore = WithoutManagedFields.class))
// Standalone mode has no API server: without reconcilers the Operator SDK never starts.
@LookupUnlessProperty(name = "dikast.standalone.enabled", stringValue = "true")
public class ClusterImageSecurityPolicyReconciler
    implements Reconciler<ClusterImageSecurityPolicy> {

  static final String AUTO_ATTESTATION_UNSUPPORTED = "AutoAttestationUnsupported";

  private static final String AUTHORITY_INDEX = "NamedAuthority";

  private final String authorityNamespace;
  private volatile InformerEventSource<Namespace, ClusterImageSecurityPolicy> namespaces;

  public ClusterImageSecurityPolicyReconciler(ClusterPolicyConfig config) {
    this.authorityNamespace = config.authorityNamespace();
  }

  /**
   * Re-reconciles the policies naming an authority of the operator's namespace when it changes, and
   * every cluster policy when a namespace comes, goes or is relabelled.
   */
  @Override
  public List<EventSource<?, ClusterImageSecurityPolicy>> prepareEventSources(
      EventSourceContext<ClusterImageSecurityPolicy> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            AUTHORITY_INDEX,
            policy ->
                policy.getSpec() == null ? List.of() : policy.getSpec().namedAuthorityNames());
    InformerEventSource<AttestationAuthority, ClusterImageSecurityPolicy> authorities =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    AttestationAuthority.class, ClusterImageSecurityPolicy.class)
                .withNamespaces(Set.of(authorityNamespace))
                .withItemStore(new WithoutManagedFields<>())
                .withSecondaryToPrimaryMapper(
                    authority ->
                        ids(
                            context
                                .getPrimaryCache()
                                .byIndex(AUTHORITY_INDEX, authority.getMetadata().getName())))
                .withPrimaryToSecondaryMapper(
                    (ClusterImageSecurityPolicy policy) ->
                        policy.getSpec() == null
                            ? Set.of()
                            : policy.getSpec().namedAuthorityNames().stream()
                                .map(name -> new ResourceID(name, authorityNamespace))
                                .collect(Collectors.toSet()))
                .build(),
            context);
    namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, ClusterImageSecurityPolicy.class)
                .withItemStore(new WithoutManagedFields<>())
                .withSecondaryToPrimaryMapper(
                    namespace -> ids(context.getPrimaryCache().list().toList()))
                .build(),
            context);
    return List.of(authorities, namespaces);
  }

  @Override
  public UpdateControl<ClusterImageSecurityPolicy> reconcile(
      ClusterImageSecurityPolicy policy, Context<ClusterImageSecurityPolicy> context) {
    Map<String, Map<String, String>> labels =
        namespaces
            .list()
            .collect(
                Collectors.toMap(
                    namespace -> namespace.getMetadata().getName(),
                    namespace ->
                        namespace.getMetadata().getLabels() == null
                            ? Map.of()
                            : namespace.getMetadata().getLabels()));
    return StatusPatches.patchIfChanged(
        policy,
        status(
            policy,
            PolicyReconciliation.authorities(context),
            labels,
            authorityNamespace,
            Instant.now()));
  }

  @Override
  public ErrorStatusUpdateControl<ClusterImageSecurityPolicy> updateErrorStatus(
      ClusterImageSecurityPolicy policy, Context<ClusterImageSecurityPolicy> context, Exception e) {
    return StatusPatches.reconcileError(policy, ClusterPolicyStatus::new, e);
  }

  /**
   * The status from the authorities of {@code authorityNamespace} and the labels of every
   * namespace.
   */
  static ClusterPolicyStatus status(
      ClusterImageSecurityPolicy policy,
      Map<String, AttestationAuthority> authorities,
      Map<String, Map<String, String>> namespaceLabels,
      String authorityNamespace,
      Instant now) {
    ClusterImageSecurityPolicySpec spec = policy.getSpec();
    PolicyReadiness readiness =
        spec.getPrivateKeySecretName() != null
            // The CRD refuses it from Kubernetes 1.25 on; older API servers store it.
            ? new PolicyReadiness(
                false,
                AUTO_ATTESTATION_UNSUPPORTED,
                "privateKeySecretName is ignored: auto-attestation is per namespace, set it on an"
                    + " ImageSecurityPolicy")
            : PolicyReadiness.evaluate(
                authorityNamespace,
                spec.requiredAuthorityNames(),
                spec.provenanceAuthorityNames(),
                spec.getRequiredAttestations(),
                authorities);
    ClusterPolicyStatus status =
        PolicyReconciliation.status(policy, readiness, authorities, ClusterPolicyStatus::new, now);
    NamespaceSelection selection =
        NamespaceSelection.of(
            spec.getNamespaceSelector(), spec.getExcludedNamespaces(), authorityNamespace);
    status.setAuthorityNamespace(authorityNamespace);
    status.setSelectedNamespaces(
        (int)
            namespaceLabels.entrySet().stream()
                .filter(namespace -> selection.selects(namespace.getKey(), namespace.getValue()))
                .count());
    status.setExcludedNamespaces(selection.excludedSorted());
    status.setExcluded(String.join(",", selection.excludedSorted()));
    return status;
  }

  private static Set<ResourceID> ids(Collection<ClusterImageSecurityPolicy> policies) {
    return policies.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
