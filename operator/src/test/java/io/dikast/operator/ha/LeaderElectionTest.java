package io.dikast.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  @Test
  void leaderThatLosesTheLeaseNoLongerReconciles() {
    Leadership leadership = new Leadership(new LeaderElectionSettings(true));

    leadership.startedLeading();
    boolean whileLeading = leadership.reconcilesHere();
    leadership.stoppedLeading();

    assertThat(whileLeading).isTrue();
    assertThat(leadership.reconcilesHere()).isFalse();
  }

  @Test
  void configuresTheLeaseOnlyWhenLeaderElectionIsEnabled() {
    LeaderElectionProducer producer = new LeaderElectionProducer();
    LeaderElectionSettings enabled = new LeaderElectionSettings(true);

    var configuration = producer.leaderElection(enabled, new Leadership(enabled));

    assertThat(configuration.getLeaseName()).isEqualTo("dikast-operator-leader");
    assertThat(configuration.getLeaseNamespace()).contains("dikast-system");
    assertThat(configuration.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(configuration.isExitOnStopLeading()).isTrue();
    assertThat(configuration.getLeaderCallbacks()).isPresent();
    LeaderElectionSettings disabled = new LeaderElectionSettings(false);
    assertThat(producer.leaderElection(disabled, new Leadership(disabled))).isNull();
  }
}
