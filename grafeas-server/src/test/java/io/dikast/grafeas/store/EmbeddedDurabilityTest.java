package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDurabilityTest extends DurabilityContract {

  @TempDir Path directory;

  @Override
  AgroalDataSource dataSource() {
    return StorageDataSources.embedded(directory);
  }

  @Override
  List<String> writerArguments() {
    return List.of("embedded", directory.toString());
  }
}
