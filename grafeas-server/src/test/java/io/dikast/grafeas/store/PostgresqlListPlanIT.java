package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import java.sql.SQLException;

class PostgresqlListPlanIT extends ListPlanContract {

  @Override
  AgroalDataSource dataSource() throws SQLException {
    PostgresqlDatabase.reset();
    return PostgresqlDatabase.dataSource();
  }

  @Override
  String series(int count) {
    return "generate_series(1, " + count + ") AS s(x)";
  }

  @Override
  String oneByte() {
    return "decode('00', 'hex')";
  }

  @Override
  String resourceLookup() {
    return "index scan on occurrences_resource";
  }
}
