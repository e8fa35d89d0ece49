package io.dikast.operator.breakglass;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How admission's observations reach the policies' status. */
@ConfigMapping(prefix = "dikast.status")
public interface StatusRecorderConfig {

  /**
   * How often observed denials and break-glass bypasses are written to the policies' status; all
   * observations of one policy within an interval become one write.
   */
  @WithDefault("2s")
  Duration flushInterval();
}
