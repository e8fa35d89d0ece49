package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.verifier.policy.PolicyMapper;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Resolves a ImageSecurityPolicy's authorities, reports Ready, and publishes it for admission. */
@ControllerConfiguration(name = "imagesecuritypolicy")
public class ImageSecurityPolicyReconciler
    implements Reconciler<ImageSecurityPolicy>, Cleaner<ImageSecurityPolicy> {

  private final PolicySetView view;

  ImageSecurityPolicyReconciler(PolicySetView view) {
    this.view = view;
  }

  @Override
  public List<EventSource<?, ImageSecurityPolicy>> prepareEventSources(
      EventSourceContext<ImageSecurityPolicy> context) {
    return PolicyReconciliation.eventSources(context);
  }

  @Override
  public UpdateControl<ImageSecurityPolicy> reconcile(
      ImageSecurityPolicy policy, Context<ImageSecurityPolicy> context) {
    return PolicyReconciliation.reconcile(policy, context, PolicyMapper.toPolicy(policy), view);
  }

  @Override
  public ErrorStatusUpdateControl<ImageSecurityPolicy> updateErrorStatus(
      ImageSecurityPolicy policy, Context<ImageSecurityPolicy> context, Exception e) {
    return StatusPatches.reconcileError(policy, PolicyStatus::new, e);
  }

  @Override
  public DeleteControl cleanup(ImageSecurityPolicy policy, Context<ImageSecurityPolicy> context) {
    view.removePolicy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        policy.getMetadata().getNamespace(),
        policy.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }
}
