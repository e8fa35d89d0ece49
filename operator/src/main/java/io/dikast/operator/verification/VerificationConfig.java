package io.dikast.operator.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many attestation checks run at once across all admissions. */
@ConfigMapping(prefix = "dikast.verification")
public interface VerificationConfig {

  /** Threads asking Grafeas and verifying signatures; bounds the load one burst puts on Grafeas. */
  @WithDefault("16")
  int threads();

  /** Checks that may wait for a thread; beyond it a check is answered as a backend outage. */
  @WithDefault("512")
  int queue();
}
