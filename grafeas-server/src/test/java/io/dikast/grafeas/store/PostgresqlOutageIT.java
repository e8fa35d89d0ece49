package io.dikast.grafeas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A database that goes away under an open store turns requests into UNAVAILABLE. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresqlOutageIT {

  // A server of its own, so stopping it leaves the other integration tests' server alone.
  private static final String PORT = System.getProperty("dikast.test.postgresql.outage-port");

  @AfterEach
  void stopServer() throws Exception {
    postgres("stop");
  }

  @Test
  void requestsFailWithUnavailableOnceTheDatabaseIsGone() throws Exception {
    postgres("start");
    String url = "jdbc:postgresql://127.0.0.1:" + PORT + "/dikast";
    try (JdbcGrafeasStore store =
        JdbcGrafeasStore.open(
            StorageDataSources.postgresql(url, "dikast", "dikast", 2, Duration.ofSeconds(2)))) {
      store.createNote(Fixtures.attestationNote("projects/p/notes/n"));
      assertThat(store.getNote("projects/p/notes/n")).isPresent();

      postgres("stop");

      assertThatThrownBy(() -> store.getNote("projects/p/notes/n"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.getStatus().getDescription()).startsWith("storage unavailable: ");
              });
    }
  }

  private static void postgres(String command) throws IOException, InterruptedException {
    String script = System.getProperty("dikast.test.postgresql.script");
    ProcessBuilder builder = new ProcessBuilder("bash", script, command).redirectErrorStream(true);
    builder.environment().put("DIKAST_PG_PORT", PORT);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
