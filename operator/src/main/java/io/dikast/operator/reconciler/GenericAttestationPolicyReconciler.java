package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.GenericAttestationPolicy;
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

/**
 * Resolves a GenericAttestationPolicy's authorities, reports Ready, and publishes it for admission.
 */
@ControllerConfiguration(name = "genericattestationpolicy")
public class GenericAttestationPolicyReconciler
    implements Reconciler<GenericAttestationPolicy>, Cleaner<GenericAttestationPolicy> {

  private final PolicySetView view;

  GenericAttestationPolicyReconciler(PolicySetView view) {
    this.view = view;
  }

  @Override
  public List<EventSource<?, GenericAttestationPolicy>> prepareEventSources(
      EventSourceContext<GenericAttestationPolicy> context) {
    return PolicyReconciliation.eventSources(context);
  }

  @Override
  public UpdateControl<GenericAttestationPolicy> reconcile(
      GenericAttestationPolicy policy, Context<GenericAttestationPolicy> context) {
    return PolicyReconciliation.reconcile(policy, context, PolicyMapper.toPolicy(policy), view);
  }

  @Override
  public ErrorStatusUpdateControl<GenericAttestationPolicy> updateErrorStatus(
      GenericAttestationPolicy policy, Context<GenericAttestationPolicy> context, Exception e) {
    return StatusPatches.reconcileError(policy, PolicyStatus::new, e);
  }

  @Override
  public DeleteControl cleanup(
      GenericAttestationPolicy policy, Context<GenericAttestationPolicy> context) {
    view.removePolicy(
        PolicyKind.GENERIC_ATTESTATION_POLICY,
        policy.getMetadata().getNamespace(),
        policy.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }
}
