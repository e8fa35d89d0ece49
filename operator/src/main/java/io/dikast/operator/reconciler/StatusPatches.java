package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.ConditionedStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/** Writes a status only when it differs from the one the resource already has. */
final class StatusPatches {

  private StatusPatches() {}

  static <S, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(
      R resource, S desired) {
    if (Objects.equals(resource.getStatus(), desired)) {
      return UpdateControl.noUpdate();
    }
    resource.setStatus(desired);
    return UpdateControl.patchStatus(resource);
  }

  /** Marks the resource not Ready with reason ReconcileError, keeping the rest of its status. */
  static <S extends ConditionedStatus, R extends CustomResource<?, S>>
      ErrorStatusUpdateControl<R> reconcileError(R resource, Supplier<S> emptyStatus, Exception e) {
    S status = resource.getStatus() == null ? emptyStatus.get() : resource.getStatus();
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            Conditions.READY,
            false,
            Conditions.RECONCILE_ERROR,
            String.valueOf(e.getMessage()),
            resource.getMetadata().getGeneration(),
            Instant.now()));
    resource.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(resource);
  }
}
