package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedGrafeasStoreTest extends GrafeasStoreContract {

  @TempDir Path directory;

  @Override
  AgroalDataSource dataSource() {
    return StorageDataSources.embedded(directory);
  }
}
