package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.ImageSecurityPolicy;
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

/** Resolves an ImageSecurityPolicy's authorities and reports Ready in its status. */
@ControllerConfiguration(
    name = "imagesecuritypolicy",
    informer = @Informer(itemStore = WithoutManagedFields.class))
// Standalone mode has no API server: without reconcilers the Operator SDK never starts.
@LookupUnlessProperty(name = "dikast.standalone.enabled", stringValue = "true")
public class ImageSecurityPolicyReconciler implements Reconciler<ImageSecurityPolicy> {

  @Override
  public List<EventSource<?, ImageSecurityPolicy>> prepareEventSources(
      EventSourceContext<ImageSecurityPolicy> context) {
    return PolicyReconciliation.eventSources(context);
  }

  @Override
  public UpdateControl<ImageSecurityPolicy> reconcile(
      ImageSecurityPolicy policy, Context<ImageSecurityPolicy> context) {
    return PolicyReconciliation.reconcile(policy, context);
  }

  @Override
  public ErrorStatusUpdateControl<ImageSecurityPolicy> updateErrorStatus(
      ImageSecurityPolicy policy, Context<ImageSecurityPolicy> context, Exception e) {
    return StatusPatches.reconcileError(policy, PolicyStatus::new, e);
  }
}
