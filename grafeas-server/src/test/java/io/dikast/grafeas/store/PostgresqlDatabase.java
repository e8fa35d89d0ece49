package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL the build starts ({@code scripts/postgres.sh}) and passes to failsafe as the
 * system property {@code dikast.test.postgresql.jdbc-url}. Without it the tests fail: they never
 * skip.
 */
final class PostgresqlDatabase {

  static final String URL_PROPERTY = "dikast.test.postgresql.jdbc-url";
  static final String USER = "dikast";
  static final String PASSWORD = "dikast";

  private PostgresqlDatabase() {}

  static String jdbcUrl() {
    String url = System.getProperty(URL_PROPERTY);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + URL_PROPERTY
              + " is not set: run through Maven (mvn verify), which"
              + " starts PostgreSQL with scripts/postgres.sh");
    }
    return url;
  }

  static AgroalDataSource dataSource() {
    return dataSource(jdbcUrl());
  }

  static AgroalDataSource dataSource(String jdbcUrl) {
    return StorageDataSources.postgresql(jdbcUrl, USER, PASSWORD, 4, Duration.ofSeconds(10));
  }

  /** Drops everything the store created, so the next test starts on an empty database. */
  static void reset() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA public CASCADE");
      statement.execute("CREATE SCHEMA public");
    }
  }
}
