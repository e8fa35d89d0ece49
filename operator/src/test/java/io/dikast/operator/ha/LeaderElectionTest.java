package io.dikast.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.ShutdownEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  private final List<Integer> exits = new ArrayList<>();

  @Test
  void leaderThatLosesTheLeaseWhileRunningStopsReconcilingAndExitsWithStatusOne() {
    Leadership leadership = new Leadership(new LeaderElectionSettings(true), exits::add);

    leadership.startedLeading();
    boolean whileLeading = leadership.reconcilesHere();
    leadership.stoppedLeading();

    assertThat(whileLeading).isTrue();
    assertThat(leadership.reconcilesHere()).isFalse();
    assertThat(exits).containsExactly(1);
  }

  @Test
  void leaderThatGivesUpTheLeaseBecauseItIsStoppingDoesNotExitAgain() {
    Leadership leadership = new Leadership(new LeaderElectionSettings(true), exits::add);
    leadership.startedLeading();

    leadership.onStop(new ShutdownEvent());
    leadership.stoppedLeading();

    assertThat(leadership.reconcilesHere()).isFalse();
    assertThat(exits).isEmpty();
  }

  @Test
  void configuresTheLeaseOnlyWhenLeaderElectionIsEnabled() {
    LeaderElectionProducer producer = new LeaderElectionProducer();
    LeaderElectionSettings enabled = new LeaderElectionSettings(true);

    var configuration = producer.leaderElection(enabled, new Leadership(enabled));

    assertThat(configuration.getLeaseName()).isEqualTo("dikast-operator-leader");
    assertThat(configuration.getLeaseNamespace()).contains("dikast-system");
    assertThat(configuration.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(configuration.isExitOnStopLeading()).isFalse();
    assertThat(configuration.getLeaderCallbacks()).isPresent();
    LeaderElectionSettings disabled = new LeaderElectionSettings(false);
    assertThat(producer.leaderElection(disabled, new Leadership(disabled))).isNull();
  }
}
