package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedListPlanTest extends ListPlanContract {

  @TempDir Path directory;

  @Override
  AgroalDataSource dataSource() {
    return StorageDataSources.embedded(directory);
  }

  @Override
  String series(int count) {
    return "SYSTEM_RANGE(1, " + count + ")";
  }

  @Override
  String oneByte() {
    return "X'00'";
  }

  @Override
  String resourceLookup() {
    return "occurrences_resource: resource_uri in(";
  }
}
