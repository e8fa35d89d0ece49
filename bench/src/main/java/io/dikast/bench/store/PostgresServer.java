package io.dikast.bench.store;

import io.dikast.bench.Loopback;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL started with the checkout's {@code scripts/postgres.sh} (as the tests
 * start theirs) on a free port; stopped and deleted on close.
 */
public final class PostgresServer implements AutoCloseable {

  private static final long SCRIPT_TIMEOUT_SECONDS = 120;

  private final Path script;
  private final int port;

  private PostgresServer(Path script, int port) {
    this.script = script;
    this.port = port;
  }

  public static PostgresServer start(Path checkout) throws IOException, InterruptedException {
    PostgresServer server =
        new PostgresServer(checkout.resolve("scripts/postgres.sh"), Loopback.freePort());
    server.script("start");
    return server;
  }

  /** The Grafeas server's options for this database (user and password are both dikast). */
  public List<String> grafeasStorage() {
    return List.of(
        "-Ddikast.grafeas.storage.type=postgresql",
        "-Ddikast.grafeas.storage.postgresql.jdbc-url=jdbc:postgresql://127.0.0.1:"
            + port
            + "/dikast",
        "-Ddikast.grafeas.storage.postgresql.password=dikast");
  }

  /**
   * Refreshes the planner's statistics, as autovacuum would about a minute after a bulk load:
   * without them the first lists after loading 10^6 rows plan sequential scans (about 0.5 s each).
   */
  public void analyze() throws IOException, InterruptedException {
    script("analyze");
  }

  private void script(String verb) throws IOException, InterruptedException {
    List<String> command = List.of("bash", script.toString(), verb);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("DIKAST_PG_PORT", Integer.toString(port));
    Process process = builder.start();
    if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 120 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    script("stop");
  }
}
