package io.dikast.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final List<Long> waits = new ArrayList<>();
  // Ten permits a second: one every 100 ms; the fake sleeper advances the clock it waited for.
  private final Pacer pacer =
      new Pacer(
          10,
          clock::get,
          nanos -> {
            waits.add(nanos);
            clock.addAndGet(nanos);
          });

  @Test
  void letsTheFirstRequestGoAtOnceAndSpacesTheNextByItsPermits() throws InterruptedException {
    pacer.acquire(3);
    pacer.acquire(1);
    pacer.acquire(2);

    assertThat(waits).containsExactly(300_000_000L, 100_000_000L);
  }

  @Test
  void doesNotMakeUpForIdleTime() throws InterruptedException {
    pacer.acquire(1);
    clock.addAndGet(5_000_000_000L);
    pacer.acquire(1);
    pacer.acquire(1);

    assertThat(waits).containsExactly(100_000_000L);
  }

  @Test
  void neverWaitsForAPodWithoutGrafeasRequests() throws InterruptedException {
    pacer.acquire(5);
    pacer.acquire(0);

    assertThat(waits).isEmpty();
  }

  @Test
  void refusesARateThatIsNotPositive() {
    assertThatThrownBy(() -> Pacer.realTime(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the rate must be positive, was 0.0");
  }
}
