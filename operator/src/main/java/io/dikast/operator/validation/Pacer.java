package io.dikast.operator.validation;

import java.util.function.LongSupplier;

/**
 * Spaces requests evenly at a fixed rate: each caller reserves its permits and waits until its
 * slot. The first request of an idle pacer goes at once.
 */
final class Pacer {

  /** Waits; the real one parks the thread, tests record the waits. */
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final long nanosPerPermit;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private long nextFree;
  private boolean started;

  Pacer(double permitsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("the rate must be positive, was " + permitsPerSecond);
    }
    this.nanosPerPermit = (long) (1_000_000_000L / permitsPerSecond);
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
  }

  static Pacer realTime(double permitsPerSecond) {
    return new Pacer(
        permitsPerSecond,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L)));
  }

  /** Blocks until {@code permits} requests may go. */
  void acquire(int permits) throws InterruptedException {
    if (permits <= 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      long start = started && nextFree - now > 0 ? nextFree : now;
      started = true;
      nextFree = start + permits * nanosPerPermit;
      wait = start - now;
    }
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
  }
}
