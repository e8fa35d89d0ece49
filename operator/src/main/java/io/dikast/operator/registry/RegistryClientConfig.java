package io.dikast.operator.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the operator reads cosign signatures from registries. */
@ConfigMapping(prefix = "dikast.registry")
public interface RegistryClientConfig {

  /**
   * Deadline of one image's signature lookup, every registry request of it together. Below the
   * admission budget, so an unreachable registry still leaves time to deny naming it.
   */
  @WithDefault("3s")
  Duration callTimeout();
}
