package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.operator.reconciler.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A policy's status after a run: the violations it found, or the outage that stopped it. */
final class ValidationStatuses {

  /** The condition continuous validation owns; Ready stays the reconciler's. */
  static final String VALIDATED = "Validated";

  static final String COMPLETED = "Completed";
  static final String GRAFEAS_UNAVAILABLE = "GrafeasUnavailable";

  private ValidationStatuses() {}

  /**
   * {@code previous} (may be null) with the run's result; an outage keeps the last known
   * violations, since the pods were not judged.
   */
  static PolicyStatus apply(
      PolicyStatus previous, RunFindings.PolicyResult result, Long generation, Instant now) {
    PolicyStatus status = previous == null ? new PolicyStatus() : previous;
    if (result.outage().isPresent()) {
      status.setConditions(
          Conditions.set(
              status.getConditions(),
              VALIDATED,
              false,
              GRAFEAS_UNAVAILABLE,
              "pods were not re-validated: " + result.outage().get(),
              generation,
              now));
    } else {
      status.setViolations(result.violations());
      status.setViolatingPods(result.violatingPods());
      status.setConditions(
          Conditions.set(
              status.getConditions(),
              VALIDATED,
              true,
              COMPLETED,
              result.violations() + " running pod(s) violate the policy",
              generation,
              now));
    }
    status.setLastValidationTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return status;
  }
}
