package io.dikast.grafeas.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** What differs between the databases the store runs on. */
enum SqlDialect {
  POSTGRESQL(" FOR SHARE"),
  // H2 has no shared row locks; an exclusive one keeps a note from being deleted all the same.
  H2(" FOR UPDATE");

  private final String shareLock;

  SqlDialect(String shareLock) {
    this.shareLock = shareLock;
  }

  static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (product.contains("h2")) {
      return H2;
    }
    throw new SQLException("unsupported database: " + product);
  }

  /** Appended to a SELECT to keep the rows read from being deleted until the transaction ends. */
  String shareLock() {
    return shareLock;
  }
}
