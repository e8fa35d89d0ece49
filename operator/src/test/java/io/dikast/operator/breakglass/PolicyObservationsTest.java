package io.dikast.operator.breakglass;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.Denials;
import io.dikast.crds.v1beta1.PolicyStatus;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PolicyObservationsTest {

  @Test
  void coalescesDenialsKeepingTheLatest() {
    PolicyObservations merged =
        PolicyObservations.denial("2026-11-28T00:00:01Z", "first")
            .plus(PolicyObservations.denial("2026-11-28T00:00:02Z", "second"));

    PolicyStatus status = merged.applyTo(new PolicyStatus());

    assertThat(status.getDenials().getCount()).isEqualTo(2);
    assertThat(status.getDenials().getLastTime()).isEqualTo("2026-11-28T00:00:02Z");
    assertThat(status.getDenials().getLastMessage()).isEqualTo("second");
    assertThat(status.getLastBreakglass()).isNull();
  }

  @Test
  void addsToTheCountsAlreadyInTheStatus() {
    PolicyStatus status = new PolicyStatus();
    Denials earlier = new Denials();
    earlier.setCount(40);
    earlier.setLastMessage("old");
    status.setDenials(earlier);

    PolicyObservations.denial("2026-11-28T00:00:03Z", "new").applyTo(status);

    assertThat(status.getDenials().getCount()).isEqualTo(41);
    assertThat(status.getDenials().getLastMessage()).isEqualTo("new");
  }

  @Test
  void aDenialDoesNotHideAnEarlierBreakglassInTheSameInterval() {
    PolicyObservations merged =
        PolicyObservations.breakglass("2026-11-28T00:00:01Z", "Pod/p/hotfix", "alice", "event")
            .plus(PolicyObservations.denial("2026-11-28T00:00:02Z", "denied"));

    PolicyStatus status = merged.applyTo(new PolicyStatus());

    assertThat(status.getLastBreakglass().getWorkload()).isEqualTo("Pod/p/hotfix");
    assertThat(status.getLastBreakglass().getUser()).isEqualTo("alice");
    assertThat(status.getLastBreakglass().getTime()).isEqualTo("2026-11-28T00:00:01Z");
    assertThat(status.getLastBreakglass().getCount()).isEqualTo(1);
    assertThat(status.getDenials().getCount()).isEqualTo(1);
  }

  @Test
  void keepsAtMostTenEventsPerIntervalButCountsEveryBypass() {
    PolicyObservations merged =
        IntStream.range(0, 25)
            .mapToObj(
                i -> PolicyObservations.breakglass("t" + i, "Pod/p/w" + i, "bob", "event " + i))
            .reduce(PolicyObservations::plus)
            .orElseThrow();

    assertThat(merged.events()).hasSize(10).startsWith("event 0").endsWith("event 9");
    assertThat(merged.applyTo(new PolicyStatus()).getLastBreakglass().getCount()).isEqualTo(25);
    assertThat(merged.applyTo(new PolicyStatus()).getLastBreakglass().getWorkload())
        .isEqualTo("Pod/p/w24");
  }
}
