package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.KeyStatus;
import io.dikast.engine.key.TrustedKey;

/**
 * What one declared key turned into: a trusted key, or the condition reason and message that say
 * why not.
 */
public record KeyOutcome(KeyStatus status, TrustedKey key, String reason) {

  public boolean valid() {
    return key != null;
  }

  /** {@code <source>: <problem>}, as the Ready condition lists bad keys. */
  public String problem() {
    return status.getSource() + ": " + status.getError();
  }
}
