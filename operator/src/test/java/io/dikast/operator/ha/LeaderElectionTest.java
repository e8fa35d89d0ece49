package io.dikast.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.quarkus.runtime.ShutdownEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  private final List<String> reconcilers = new ArrayList<>();
  private final List<LeaderCallbacks> joined = new ArrayList<>();
  private final List<CompletableFuture<?>> candidacies = new ArrayList<>();

  private final EventProcessing processing =
      new EventProcessing() {
        @Override
        public void resume() {
          reconcilers.add("resume");
        }

        @Override
        public void pause() {
          reconcilers.add("pause");
        }
      };

  private final Elections elections =
      callbacks -> {
        joined.add(callbacks);
        CompletableFuture<?> candidacy = new CompletableFuture<>();
        candidacies.add(candidacy);
        return candidacy;
      };

  private final Leadership leadership = new Leadership(true, processing, elections);

  @Test
  void leaderThatLosesTheLeaseKeepsRunningPausesItsReconcilersAndJoinsANewElection() {
    LeaderCallbacks first = leadership.firstElection();
    first.onStartLeading();
    boolean whileLeading = leadership.reconcilesHere();

    first.onStopLeading();

    assertThat(whileLeading).isTrue();
    assertThat(leadership.reconcilesHere()).isFalse();
    // The Operator SDK resumes the reconcilers itself after its own election's win.
    assertThat(reconcilers).containsExactly("pause");
    assertThat(joined).hasSize(1);
  }

  @Test
  void winningTheNewElectionResumesTheReconcilersAndLeaderOnlyWork() {
    LeaderCallbacks first = leadership.firstElection();
    first.onStartLeading();
    first.onStopLeading();

    joined.get(0).onStartLeading();

    assertThat(leadership.reconcilesHere()).isTrue();
    assertThat(reconcilers).containsExactly("pause", "resume");
  }

  @Test
  void everyLostTermJoinsExactlyOneNewElection() {
    LeaderCallbacks first = leadership.firstElection();
    first.onStartLeading();
    first.onStopLeading();
    // Fabric8 reports a term's end when it sees another holder and again when renewing stops.
    first.onStopLeading();
    joined.get(0).onStartLeading();
    joined.get(0).onStopLeading();

    assertThat(joined).hasSize(2);
    assertThat(reconcilers).containsExactly("pause", "resume", "pause");
    assertThat(leadership.reconcilesHere()).isFalse();
  }

  @Test
  void stoppingEndsTheCurrentCandidacyAndJoinsNoOther() {
    LeaderCallbacks first = leadership.firstElection();
    first.onStartLeading();
    first.onStopLeading();

    leadership.onStop(new ShutdownEvent());
    joined.get(0).onStopLeading();

    assertThat(candidacies.get(0)).isCancelled();
    assertThat(joined).hasSize(1);
    assertThat(reconcilers).containsExactly("pause");
  }

  @Test
  void leaderThatGivesUpTheLeaseBecauseItIsStoppingNeitherPausesNorRejoins() {
    LeaderCallbacks first = leadership.firstElection();
    first.onStartLeading();

    leadership.onStop(new ShutdownEvent());
    first.onStopLeading();

    assertThat(leadership.reconcilesHere()).isFalse();
    assertThat(joined).isEmpty();
    assertThat(reconcilers).isEmpty();
  }

  @Test
  void everyReplicaDoesTheLeaderOnlyWorkWithoutLeaderElection() {
    assertThat(new Leadership(false, processing, elections).reconcilesHere()).isTrue();
    assertThat(Leaderships.follower().reconcilesHere()).isFalse();
  }

  @Test
  void configuresTheLeaseUnderTheIdentityOfEveryLaterElectionOnlyWhenEnabled() {
    LeaderElectionProducer producer = new LeaderElectionProducer();
    LeaderElectionSettings enabled = new LeaderElectionSettings(true);
    LeaseElections named = new LeaseElections(enabled, null, "dikast-operator-0");

    var configuration = producer.leaderElection(enabled, leadership, named);

    assertThat(configuration.getLeaseName()).isEqualTo("dikast-operator-leader");
    assertThat(configuration.getLeaseNamespace()).contains("dikast-system");
    assertThat(configuration.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(configuration.getIdentity()).contains("dikast-operator-0");
    assertThat(configuration.isExitOnStopLeading()).isFalse();
    assertThat(configuration.getLeaderCallbacks()).isPresent();
    LeaderElectionSettings disabled = new LeaderElectionSettings(false);
    assertThat(producer.leaderElection(disabled, leadership, named)).isNull();
  }
}
