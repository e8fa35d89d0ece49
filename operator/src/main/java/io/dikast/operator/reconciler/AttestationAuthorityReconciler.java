package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.AttestationAuthorityStatus;
import io.dikast.crds.v1beta1.PublicKeySource;
import io.dikast.operator.policyset.AuthorityKeyResolver;
import io.dikast.operator.policyset.KeyOutcome;
import io.dikast.operator.policyset.WithoutManagedFields;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Parses an authority's keys and reports each in status with a Ready condition. A change to a
 * ConfigMap or Secret holding keys re-reconciles the authorities reading it. Admission's copy of
 * the keys comes from {@link io.dikast.operator.policyset.PolicySetInformers} on every replica.
 */
@ControllerConfiguration(
    name = AttestationAuthorityReconciler.NAME,
    informer = @Informer(itemStore = WithoutManagedFields.class))
// Standalone mode has no API server: without reconcilers the Operator SDK never starts.
@LookupUnlessProperty(name = "dikast.standalone.enabled", stringValue = "true")
public class AttestationAuthorityReconciler implements Reconciler<AttestationAuthority> {

  static final String NAME = "attestationauthority";

  private final WarningEvents events;

  AttestationAuthorityReconciler(WarningEvents events) {
    this.events = events;
  }

  @Override
  public List<EventSource<?, AttestationAuthority>> prepareEventSources(
      EventSourceContext<AttestationAuthority> context) {
    return List.of(
        keySource(context, ConfigMap.class, PublicKeySource::getConfigMapName),
        keySource(context, Secret.class, PublicKeySource::getSecretName));
  }

  @Override
  public UpdateControl<AttestationAuthority> reconcile(
      AttestationAuthority authority, Context<AttestationAuthority> context) {
    List<KeyOutcome> outcomes =
        AuthorityKeyResolver.resolve(authority.getSpec(), new ContextKeySources(context));
    AttestationAuthorityStatus status = AuthorityStatuses.from(authority, outcomes, Instant.now());
    warnWhenNewlyInvalid(authority, status);
    return StatusPatches.patchIfChanged(authority, status);
  }

  @Override
  public ErrorStatusUpdateControl<AttestationAuthority> updateErrorStatus(
      AttestationAuthority authority, Context<AttestationAuthority> context, Exception e) {
    return StatusPatches.reconcileError(authority, AttestationAuthorityStatus::new, e);
  }

  private void warnWhenNewlyInvalid(
      AttestationAuthority authority, AttestationAuthorityStatus status) {
    Conditions.ready(status)
        .filter(ready -> "False".equals(ready.getStatus()))
        .filter(
            ready -> !Objects.equals(Conditions.ready(authority.getStatus()).orElse(null), ready))
        .ifPresent(ready -> events.warn(authority, ready.getReason(), ready.getMessage()));
  }

  private static <R extends HasMetadata> InformerEventSource<R, AttestationAuthority> keySource(
      EventSourceContext<AttestationAuthority> context,
      Class<R> type,
      Function<PublicKeySource, String> sourceName) {
    Function<AttestationAuthority, List<String>> referenced =
        authority ->
            authority.getSpec() == null
                ? List.of()
                : authority.getSpec().getPublicKeysFrom().stream()
                    .map(sourceName)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
    SecondaryIndex<AttestationAuthority> index =
        SecondaryIndex.create(type.getSimpleName() + "KeySource", context, referenced);
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, AttestationAuthority.class)
            .withItemStore(new WithoutManagedFields<>())
            .withSecondaryToPrimaryMapper(index.<R>mapper())
            .withPrimaryToSecondaryMapper(
                (AttestationAuthority authority) ->
                    SecondaryIndex.ids(authority, referenced.apply(authority)))
            .build(),
        context);
  }
}
