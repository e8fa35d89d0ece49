package io.dikast.operator.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Time limits of one admission review. */
@ConfigMapping(prefix = "dikast.admission")
public interface AdmissionConfig {

  /**
   * The most one review may take, below the API server's webhook timeout (10 s by default) so that
   * Dikast, not the API server's failure policy, decides what a slow backend means.
   */
  @WithDefault("8s")
  Duration budget();

  /** Part of the budget kept for evaluating and answering once attestation checks time out. */
  @WithDefault("250ms")
  Duration responseReserve();
}
