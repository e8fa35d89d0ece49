package io.dikast.grafeas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrafeasStoreProducerTest {

  @TempDir Path directory;

  private static StorageConfig config(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(StorageConfig.class)
            .withSources(new MapBackedConfigSource("test", properties) {})
            .build();
    return config.getConfigMapping(StorageConfig.class);
  }

  @Test
  void defaultsToTheEmbeddedStoreUnderGrafeasData() {
    StorageConfig config = config(Map.of());

    assertThat(config.type()).isEqualTo(StorageConfig.Type.EMBEDDED);
    assertThat(config.embedded().path()).isEqualTo(Path.of("./grafeas-data"));
    assertThat(config.postgresql().jdbcUrl()).isEmpty();
    assertThat(config.postgresql().username()).isEqualTo("dikast");
    assertThat(config.postgresql().poolSize()).isEqualTo(10);
    assertThat(config.postgresql().acquisitionTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void producesAnEmbeddedStoreInTheConfiguredDirectory() {
    StorageConfig config =
        config(Map.of("dikast.grafeas.storage.embedded.path", directory.toString()));

    try (JdbcGrafeasStore store = new GrafeasStoreProducer().grafeasStore(config)) {
      store.createNote(Fixtures.attestationNote("projects/p/notes/n"));
    }

    assertThat(directory.resolve("grafeas.mv.db")).isRegularFile();
  }

  @Test
  void postgresqlWithoutJdbcUrlNamesTheMissingKey() {
    StorageConfig config = config(Map.of("dikast.grafeas.storage.type", "postgresql"));

    assertThatThrownBy(() -> new GrafeasStoreProducer().grafeasStore(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "dikast.grafeas.storage.postgresql.jdbc-url is required when"
                + " dikast.grafeas.storage.type is postgresql");
  }

  @Test
  void unreachablePostgresqlFailsWithUnavailable() throws Exception {
    Path passwordFile = Files.writeString(directory.resolve("password"), "secret\n");
    StorageConfig config =
        config(
            Map.of(
                "dikast.grafeas.storage.type", "postgresql",
                // Port 1 on loopback: nothing listens there, the connection is refused at once.
                "dikast.grafeas.storage.postgresql.jdbc-url",
                    "jdbc:postgresql://127.0.0.1:1/dikast",
                "dikast.grafeas.storage.postgresql.password-file", passwordFile.toString(),
                "dikast.grafeas.storage.postgresql.acquisition-timeout", "PT2S"));

    assertThatThrownBy(() -> new GrafeasStoreProducer().grafeasStore(config))
        .satisfies(
            e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }
}
