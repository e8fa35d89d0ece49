package io.dikast.grafeas.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

  @Test
  void listsEveryScriptUnderDbMigration() throws IOException, URISyntaxException {
    Path directory =
        Path.of(SchemaMigration.class.getClassLoader().getResource("db/migration").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(SchemaMigration.SCRIPTS);
    }
  }
}
