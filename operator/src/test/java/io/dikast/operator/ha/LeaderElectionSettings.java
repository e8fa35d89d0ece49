package io.dikast.operator.ha;

import java.time.Duration;
import java.util.Optional;

/** Leader election settings for tests: the chart's defaults, enabled or not. */
public record LeaderElectionSettings(boolean enabled) implements LeaderElectionConfig {
  @Override
  public String leaseName() {
    return "dikast-operator-leader";
  }

  @Override
  public Optional<String> leaseNamespace() {
    return Optional.of("dikast-system");
  }

  @Override
  public Optional<String> identity() {
    return Optional.empty();
  }

  @Override
  public Duration leaseDuration() {
    return Duration.ofSeconds(15);
  }

  @Override
  public Duration renewDeadline() {
    return Duration.ofSeconds(10);
  }

  @Override
  public Duration retryPeriod() {
    return Duration.ofSeconds(2);
  }
}
