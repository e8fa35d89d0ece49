package io.dikast.operator.validation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the next run is due: the configured interval, or the one the cluster's KritisConfig sets.
 */
@ApplicationScoped
public class ValidationSchedule {

  private final Duration configured;
  private volatile Duration override;
  private volatile Instant lastRun;

  public ValidationSchedule(ValidationConfig config) {
    this.configured = config.interval();
  }

  /** The KritisConfig's cronInterval; empty when no KritisConfig sets one. */
  public void override(Optional<Duration> interval) {
    this.override = interval.orElse(null);
  }

  public Duration interval() {
    Duration current = override;
    return current == null ? configured : current;
  }

  boolean due(Instant now) {
    Instant last = lastRun;
    return last == null || !now.isBefore(last.plus(interval()));
  }

  void ran(Instant finished) {
    lastRun = finished;
  }
}
