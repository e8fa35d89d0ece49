package io.dikast.operator.verification;

import java.time.Duration;

/** Cache settings for tests, without a Quarkus config source. */
public record CacheSettings(Duration positiveTtl, Duration negativeTtl, long maximumSize)
    implements VerificationCacheConfig {

  public static CacheSettings defaults() {
    return new CacheSettings(Duration.ofMinutes(10), Duration.ofSeconds(30), 10_000);
  }
}
