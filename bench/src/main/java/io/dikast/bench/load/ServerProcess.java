package io.dikast.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server JVM the driver started, as the quickstart starts them, its output in a log file. Closing
 * it stops it politely first so Quarkus shuts down cleanly, then by force.
 */
final class ServerProcess implements AutoCloseable {

  private static final Duration POLITE_STOP = Duration.ofSeconds(15);

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ServerProcess start(String name, List<String> command, Path log) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ServerProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits for {@code ready}; the pause between checks is a wait for the process to exit. */
  void awaitReady(BooleanSupplier ready, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!ready.getAsBoolean()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "the " + name + " did not become ready; its log:\n" + logTail());
      }
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS);
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }
}
