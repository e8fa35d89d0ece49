package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

class PostgresqlDurabilityIT extends DurabilityContract {

  @BeforeEach
  void emptyDatabase() throws SQLException {
    PostgresqlDatabase.reset();
  }

  @Override
  AgroalDataSource dataSource() {
    return PostgresqlDatabase.dataSource();
  }

  @Override
  List<String> writerArguments() {
    return List.of("postgresql", PostgresqlDatabase.jdbcUrl());
  }
}
