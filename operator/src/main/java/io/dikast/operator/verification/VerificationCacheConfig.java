package io.dikast.operator.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long verification facts are reused; backend outages are never cached. */
@ConfigMapping(prefix = "dikast.cache")
public interface VerificationCacheConfig {

  /**
   * The longest a verified fact admits without Grafeas confirming it again: a deleted (revoked)
   * attestation occurrence stops admitting new workloads within this time.
   */
  @WithDefault("30s")
  Duration positiveTtl();

  /**
   * Age of a verified fact from which a hit also asks Grafeas again in the background, so that
   * images in steady use never wait for Grafeas. At most {@link #positiveTtl()}; equal to it turns
   * refreshing off.
   */
  @WithDefault("10s")
  Duration refreshAfter();

  /**
   * The most background refreshes started per second, evenly spaced. Facts verified together (the
   * images of a rollout) fall due together; spacing their refreshes keeps that burst from taking
   * Grafeas and the operator's CPU away from admissions at once. A due fact refused a slot is
   * answered from the cache and tries again at its next use; beyond this rate × ({@link
   * #positiveTtl()} − {@link #refreshAfter()}) facts in use (1,000 at the defaults) some expire and
   * are asked for while an admission waits.
   */
  @WithDefault("50")
  double refreshesPerSecond();

  /**
   * Lifetime of a "no valid attestation" fact: the longest a freshly uploaded attestation may wait
   * before its digest is admitted.
   */
  @WithDefault("30s")
  Duration negativeTtl();

  /**
   * How long the last verification of each fact is kept for policies with {@code
   * onBackendUnavailable: UseCachedFacts}, which may count it during a Grafeas outage; also the
   * ceiling of their {@code cachedFactsMaxAge}. 0s keeps none.
   */
  @WithDefault("1h")
  Duration staleFactsMaxAge();

  /** Upper bound on cached facts (authority × key set × image), and on last verifications. */
  @WithDefault("10000")
  long maximumSize();
}
