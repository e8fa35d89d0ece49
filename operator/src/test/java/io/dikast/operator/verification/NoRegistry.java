package io.dikast.operator.verification;

import io.dikast.operator.metrics.DikastMetrics;
import java.time.Duration;

/** A cosign finder for tests whose authorities have no cosign source: asking it is a bug. */
public final class NoRegistry {

  private NoRegistry() {}

  public static CosignFactFinder finder(DikastMetrics metrics) {
    return new CosignFactFinder(
        (lookup, deadline) -> {
          throw new AssertionError("an authority without a cosign source asked a registry");
        },
        metrics,
        Duration.ofSeconds(3));
  }
}
