package io.dikast.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  @Test
  void leaderThatLosesTheLeaseNoLongerReconciles() {
    Leadership leadership = new Leadership(new Settings(true));

    leadership.startedLeading();
    boolean whileLeading = leadership.reconcilesHere();
    leadership.stoppedLeading();

    assertThat(whileLeading).isTrue();
    assertThat(leadership.reconcilesHere()).isFalse();
  }

  @Test
  void configuresTheLeaseOnlyWhenLeaderElectionIsEnabled() {
    LeaderElectionProducer producer = new LeaderElectionProducer();
    Settings enabled = new Settings(true);

    var configuration = producer.leaderElection(enabled, new Leadership(enabled));

    assertThat(configuration.getLeaseName()).isEqualTo("dikast-operator-leader");
    assertThat(configuration.getLeaseNamespace()).contains("dikast-system");
    assertThat(configuration.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(configuration.isExitOnStopLeading()).isTrue();
    assertThat(configuration.getLeaderCallbacks()).isPresent();
    Settings disabled = new Settings(false);
    assertThat(producer.leaderElection(disabled, new Leadership(disabled))).isNull();
  }

  private record Settings(boolean enabled) implements LeaderElectionConfig {
    @Override
    public String leaseName() {
      return "dikast-operator-leader";
    }

    @Override
    public Optional<String> leaseNamespace() {
      return Optional.of("dikast-system");
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
}
