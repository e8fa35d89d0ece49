package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.ConditionedStatus;
import io.dikast.crds.v1beta1.KritisApi;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes conditions convention, once for every reconciler: a condition records the
 * generation it was computed from, and its {@code lastTransitionTime} moves only when its status
 * flips.
 */
public final class Conditions {

  public static final String READY = KritisApi.READY_CONDITION;
  public static final String RECONCILE_ERROR = "ReconcileError";

  private Conditions() {}

  /** The {@code Ready} condition of a status, if it has one. */
  public static Optional<Condition> ready(ConditionedStatus status) {
    return status == null ? Optional.empty() : find(status.getConditions(), READY);
  }

  public static boolean isReady(ConditionedStatus status) {
    return ready(status).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * {@code previous} with the condition of {@code type} replaced; its transition time is kept when
   * the status is unchanged and set to {@code now} when it flips or is new.
   */
  public static List<Condition> set(
      List<Condition> previous,
      String type,
      boolean status,
      String reason,
      String message,
      Long generation,
      Instant now) {
    String statusText = status ? "True" : "False";
    String transition =
        find(previous, type)
            .filter(
                old -> statusText.equals(old.getStatus()) && old.getLastTransitionTime() != null)
            .map(Condition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    Condition next =
        new ConditionBuilder()
            .withType(type)
            .withStatus(statusText)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    List<Condition> result = new ArrayList<>();
    boolean replaced = false;
    for (Condition condition : previous == null ? List.<Condition>of() : previous) {
      if (type.equals(condition.getType())) {
        result.add(next);
        replaced = true;
      } else {
        result.add(condition);
      }
    }
    if (!replaced) {
      result.add(next);
    }
    return result;
  }
}
