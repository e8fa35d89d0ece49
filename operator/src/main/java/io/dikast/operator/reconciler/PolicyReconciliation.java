package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.EnforcementMode;
import io.dikast.crds.v1beta1.PolicySpec;
import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.operator.policyset.WithoutManagedFields;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the ImageSecurityPolicy and GenericAttestationPolicy reconcilers share: resolve the named
 * authorities from the informer cache and report readiness. Admission enforces a policy whether or
 * not it is ready; it learns of it from its own informers, not from here.
 */
final class PolicyReconciliation {

  private static final String AUTHORITY_INDEX = "NamedAuthority";

  private PolicyReconciliation() {}

  /** Re-reconciles the policies naming an authority whenever that authority changes. */
  static <P extends CustomResource<? extends PolicySpec, PolicyStatus>>
      List<EventSource<?, P>> eventSources(EventSourceContext<P> context) {
    Function<P, List<String>> names =
        policy -> policy.getSpec() == null ? List.of() : policy.getSpec().namedAuthorityNames();
    SecondaryIndex<P> index = SecondaryIndex.create(AUTHORITY_INDEX, context, names);
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    AttestationAuthority.class, context.getPrimaryResourceClass())
                .withItemStore(new WithoutManagedFields<>())
                .withSecondaryToPrimaryMapper(index.<AttestationAuthority>mapper())
                .withPrimaryToSecondaryMapper(
                    (P policy) -> SecondaryIndex.ids(policy, names.apply(policy)))
                .build(),
            context));
  }

  static <P extends CustomResource<? extends PolicySpec, PolicyStatus>> UpdateControl<P> reconcile(
      P policy, Context<P> context) {
    return StatusPatches.patchIfChanged(
        policy, status(policy, authorities(context), Instant.now()));
  }

  static PolicyStatus status(
      CustomResource<? extends PolicySpec, PolicyStatus> policy,
      Map<String, AttestationAuthority> authorities,
      Instant now) {
    PolicySpec spec = policy.getSpec();
    List<String> names = spec.requiredAuthorityNames();
    List<String> provenance = spec.provenanceAuthorityNames();
    PolicyReadiness readiness =
        PolicyReadiness.evaluate(
            policy.getMetadata().getNamespace(),
            names,
            provenance,
            spec.getRequiredAttestations(),
            authorities);
    return status(policy, readiness, authorities, PolicyStatus::new, now);
  }

  /**
   * The status of any policy kind, of type {@code S}: Ready as {@code readiness} says, the resolved
   * authorities, and the observations that admission and validation wrote, kept.
   */
  static <S extends PolicyStatus> S status(
      CustomResource<? extends PolicySpec, S> policy,
      PolicyReadiness readiness,
      Map<String, AttestationAuthority> authorities,
      Supplier<S> empty,
      Instant now) {
    PolicySpec spec = policy.getSpec();
    List<String> names = spec.requiredAuthorityNames();
    List<String> provenance = spec.provenanceAuthorityNames();
    S previous = policy.getStatus();
    S status = copyOfObservations(previous, empty.get());
    Long generation = policy.getMetadata().getGeneration();
    List<Condition> conditions = previous == null ? List.of() : previous.getConditions();
    status.setConditions(
        Conditions.set(
            conditions,
            Conditions.READY,
            readiness.ready(),
            readiness.reason(),
            readiness.message(),
            generation,
            now));
    status.setObservedGeneration(generation);
    status.setResolvedAuthorities(
        spec.namedAuthorityNames().stream().filter(authorities::containsKey).toList());
    int required = spec.getRequiredAttestations() == null ? 0 : spec.getRequiredAttestations();
    // Absent rather than empty: a policy may name provenance authorities only, and the API server
    // refused the status patch carrying its empty summary ("status.authorities: Invalid value:
    // null").
    status.setAuthorities(names.isEmpty() ? null : PolicyReadiness.summary(names, required));
    status.setProvenanceAuthorities(provenance.isEmpty() ? null : String.join(",", provenance));
    status.setEnforcementMode(
        spec.getEnforcementMode() == EnforcementMode.DRY_RUN ? "DryRun" : "Enforce");
    return status;
  }

  /**
   * Denials, break-glass, violations and what-if answers are written by admission and validation;
   * keep them.
   */
  private static <S extends PolicyStatus> S copyOfObservations(PolicyStatus previous, S status) {
    if (previous != null) {
      status.setDenials(previous.getDenials());
      status.setLastBreakglass(previous.getLastBreakglass());
      status.setViolations(previous.getViolations());
      status.setViolatingPods(previous.getViolatingPods());
      status.setLastValidationTime(previous.getLastValidationTime());
      status.setWhatIf(previous.getWhatIf());
    }
    return status;
  }

  static Map<String, AttestationAuthority> authorities(Context<?> context) {
    Map<String, AttestationAuthority> byName = new HashMap<>();
    context
        .getSecondaryResources(AttestationAuthority.class)
        .forEach(authority -> byName.put(authority.getMetadata().getName(), authority));
    return byName;
  }
}
