package io.dikast.operator.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long verification facts are reused; backend outages are never cached. */
@ConfigMapping(prefix = "dikast.cache")
public interface VerificationCacheConfig {

  /** Lifetime of a verified fact: a valid signature stays valid until the key set changes. */
  @WithDefault("10m")
  Duration positiveTtl();

  /**
   * Lifetime of a "no valid attestation" fact: the longest a freshly uploaded attestation may wait
   * before its digest is admitted.
   */
  @WithDefault("30s")
  Duration negativeTtl();

  /** Upper bound on cached facts (authority × key set × image). */
  @WithDefault("10000")
  long maximumSize();
}
