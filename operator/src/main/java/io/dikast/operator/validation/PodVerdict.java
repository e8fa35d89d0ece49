package io.dikast.operator.validation;

import io.dikast.engine.policy.PolicyRef;
import java.util.List;
import java.util.Objects;

/** What one run found for one running pod. */
public sealed interface PodVerdict {

  /** Every applicable policy would admit the pod today. */
  record Compliant() implements PodVerdict {}

  /**
   * The pod would be denied today.
   *
   * @param reason the engine's denial lines, as admission would have answered
   * @param policies the policies that deny it
   */
  record Violating(String reason, List<PolicyRef> policies) implements PodVerdict {
    public Violating {
      Objects.requireNonNull(reason, "reason");
      policies = List.copyOf(policies);
    }
  }

  /** Grafeas did not answer for the pod: its marks stay as they are. */
  record Unknown(String outage) implements PodVerdict {
    public Unknown {
      Objects.requireNonNull(outage, "outage");
    }
  }
}
