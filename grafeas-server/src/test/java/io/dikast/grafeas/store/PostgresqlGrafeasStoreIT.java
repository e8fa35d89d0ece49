package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import java.sql.SQLException;

class PostgresqlGrafeasStoreIT extends GrafeasStoreContract {

  @Override
  void emptyDatabase() throws SQLException {
    PostgresqlDatabase.reset();
  }

  @Override
  AgroalDataSource dataSource() {
    return PostgresqlDatabase.dataSource();
  }
}
