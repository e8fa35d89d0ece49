package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.operator.policyset.WithoutManagedFields;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import java.util.List;

/** Resolves a GenericAttestationPolicy's authorities and reports Ready in its status. */
@ControllerConfiguration(
    name = "genericattestationpolicy",
    informer = @Informer(itemStore = WithoutManagedFields.class))
// Standalone mode has no API server: without reconcilers the Operator SDK never starts.
@LookupUnlessProperty(name = "dikast.standalone.enabled", stringValue = "true")
public class GenericAttestationPolicyReconciler implements Reconciler<GenericAttestationPolicy> {

  @Override
  public List<EventSource<?, GenericAttestationPolicy>> prepareEventSources(
      EventSourceContext<GenericAttestationPolicy> context) {
    return PolicyReconciliation.eventSources(context);
  }

  @Override
  public UpdateControl<GenericAttestationPolicy> reconcile(
      GenericAttestationPolicy policy, Context<GenericAttestationPolicy> context) {
    return PolicyReconciliation.reconcile(policy, context);
  }

  @Override
  public ErrorStatusUpdateControl<GenericAttestationPolicy> updateErrorStatus(
      GenericAttestationPolicy policy, Context<GenericAttestationPolicy> context, Exception e) {
    return StatusPatches.reconcileError(policy, PolicyStatus::new, e);
  }
}
