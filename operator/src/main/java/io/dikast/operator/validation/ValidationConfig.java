package io.dikast.operator.validation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Continuous validation: how often running pods are re-evaluated and how gently. */
@ConfigMapping(prefix = "dikast.validation")
public interface ValidationConfig {

  /** Off only for tests and standalone runs; pods are never evicted either way. */
  @WithDefault("true")
  boolean enabled();

  /** The run interval; a KritisConfig's cronInterval overrides it. */
  @WithDefault("1h")
  Duration interval();

  /** How often the leader looks for the trigger annotation and whether the interval has passed. */
  @WithDefault("10s")
  Duration pollInterval();

  /** Grafeas requests a run may make per second, so a large cluster does not flood Grafeas. */
  @WithDefault("20")
  double grafeasRequestsPerSecond();

  /** The time one pod's facts may take, as admission's budget bounds one review. */
  @WithDefault("8s")
  Duration podBudget();
}
