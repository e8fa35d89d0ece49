package io.dikast.grafeas.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs units of work in JDBC transactions and reports failures as gRPC statuses. */
final class Transactor {

  /** Work on a connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  Transactor(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} and commits, or rolls back if it throws.
   *
   * @throws io.grpc.StatusRuntimeException for any SQL failure, see {@link SqlErrors}
   */
  <T> T inTransaction(Work<T> work) {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw SqlErrors.toStatus(e);
    }
  }

  private Connection connect() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw SqlErrors.connectionFailure(e);
    }
  }

  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
