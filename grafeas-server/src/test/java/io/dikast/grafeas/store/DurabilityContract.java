package io.dikast.grafeas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives the writer being killed with SIGKILL: a child JVM ({@link
 * DurabilityWriter}) prints each occurrence after its create returned, is killed mid-stream, and
 * every printed occurrence must be in the reopened store.
 */
abstract class DurabilityContract {

  private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

  @TempDir Path output;

  /** A new pool on the test's database; empty when the test starts. */
  abstract AgroalDataSource dataSource();

  /** The {@link DurabilityWriter} arguments that reach the same database. */
  abstract List<String> writerArguments();

  @Test
  void everyAcknowledgedCreateSurvivesSigkill() throws Exception {
    try (JdbcGrafeasStore store = JdbcGrafeasStore.open(dataSource())) {
      store.createNote(Fixtures.attestationNote(DurabilityWriter.NOTE));
    }
    Path printed = output.resolve("acknowledged.txt");
    Process writer = startWriter(printed);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> !writer.isAlive() || acknowledged(printed).size() >= ACKNOWLEDGED_BEFORE_KILL);
      writer.destroyForcibly();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      writer.destroyForcibly();
    }

    assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    List<String> acknowledged = acknowledged(printed);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
    try (JdbcGrafeasStore store = JdbcGrafeasStore.open(dataSource())) {
      List<String> missing =
          acknowledged.stream().filter(name -> store.getOccurrence(name).isEmpty()).toList();
      assertThat(missing).isEmpty();
    }
  }

  private Process startWriter(Path printed) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DurabilityWriter.class.getName());
    command.addAll(writerArguments());
    return new ProcessBuilder(command)
        .redirectOutput(printed.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** The names the writer printed in full; a line cut short by the kill is not one. */
  private static List<String> acknowledged(Path printed) {
    try {
      String text = Files.readString(printed, StandardCharsets.UTF_8);
      String complete = text.substring(0, text.lastIndexOf('\n') + 1);
      return complete
          .lines()
          .filter(line -> line.startsWith(DurabilityWriter.ACKNOWLEDGED))
          .map(line -> line.substring(DurabilityWriter.ACKNOWLEDGED.length()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
