package io.dikast.cli.output;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells a person on stderr what the command is waiting for, but only when a step takes longer than
 * a second and only on a terminal in text mode, so fast runs stay quiet and scripts, CI logs and
 * JSON output never get chatter.
 */
public final class Progress {

  /** Announcements wait this long; steps that finish sooner print nothing. */
  public static final Duration THRESHOLD = Duration.ofSeconds(1);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "dikast-progress");
            thread.setDaemon(true);
            return thread;
          });

  private final PrintWriter err;
  private final boolean enabled;
  private final Duration threshold;

  Progress(PrintWriter err, boolean enabled, Duration threshold) {
    this.err = err;
    this.enabled = enabled;
    this.threshold = threshold;
  }

  public static Progress on(PrintWriter err, OutputFormat format) {
    return new Progress(err, format == OutputFormat.TEXT && System.console() != null, THRESHOLD);
  }

  /** Starts a step; closing it before the threshold keeps it silent. */
  public Step step(String description) {
    if (!enabled) {
      return () -> {};
    }
    ScheduledFuture<?> announcement =
        TIMER.schedule(
            () -> {
              err.println("dikast: " + description + "…");
              err.flush();
            },
            threshold.toMillis(),
            TimeUnit.MILLISECONDS);
    return () -> announcement.cancel(false);
  }

  /** A step in progress. */
  @FunctionalInterface
  public interface Step extends AutoCloseable {
    @Override
    void close();
  }
}
