package io.dikast.operator.verification;

import java.time.Duration;

/** Cache settings for tests, without a Quarkus config source. */
public record CacheSettings(
    Duration positiveTtl,
    Duration refreshAfter,
    double refreshesPerSecond,
    Duration negativeTtl,
    Duration staleFactsMaxAge,
    long maximumSize)
    implements VerificationCacheConfig {

  /** The operator's defaults. */
  public static CacheSettings defaults() {
    return new CacheSettings(
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        50,
        Duration.ofSeconds(30),
        Duration.ofHours(1),
        10_000);
  }
}
