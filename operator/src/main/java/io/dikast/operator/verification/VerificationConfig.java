package io.dikast.operator.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How many attestation and vulnerability checks may be under way at once, across all admissions.
 */
@ConfigMapping(prefix = "dikast.verification")
public interface VerificationConfig {

  /**
   * Threads for sources that block (Grafeas itself is asked without one); with {@link #queue()},
   * the most checks waiting for an answer at once, which bounds the load one burst puts on Grafeas.
   */
  @WithDefault("16")
  int threads();

  /** Further checks that may wait; beyond them a check is answered as a backend outage. */
  @WithDefault("512")
  int queue();
}
