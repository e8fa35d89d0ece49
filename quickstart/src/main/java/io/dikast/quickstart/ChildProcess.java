package io.dikast.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A JVM the quickstart (or the benchmark driver) started, its output in a log file. Closing it
 * stops the process and anything it started, politely first (so Quarkus shuts down cleanly), then
 * by force.
 */
public final class ChildProcess implements AutoCloseable {

  private static final Duration POLITE_STOP = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ChildProcess start(String name, List<String> command, Path log) {
    return start(name, command, Map.of(), log);
  }

  /** As {@link #start(String, List, Path)}, with {@code environment} added to this process's. */
  public static ChildProcess start(
      String name, List<String> command, Map<String, String> environment, Path log) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new ChildProcess(name, process, log);
    } catch (IOException e) {
      throw new StoryFailure("cannot start the " + name + ": " + e.getMessage(), e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Waits until {@code ready} holds, failing when the process exits or {@code timeout} passes. The
   * wait between checks is a wait for the process to exit, so an early exit is seen at once.
   */
  public void awaitReady(BooleanSupplier ready, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new StoryFailure(
            "the "
                + name
                + " exited with code "
                + process.exitValue()
                + "; its log:\n"
                + logTail());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new StoryFailure(
            "the "
                + name
                + " was not ready within "
                + timeout.toSeconds()
                + " s; its log:\n"
                + logTail());
      }
      try {
        process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoryFailure("interrupted while waiting for the " + name, e);
      }
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }
}
