package io.dikast.grafeas.store;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Maps JDBC failures to the gRPC status the API reports. */
final class SqlErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {}

  static boolean isUniqueViolation(SQLException e) {
    for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
      if (UNIQUE_VIOLATION.equals(cause.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static StatusRuntimeException toStatus(SQLException e) {
    if (isUniqueViolation(e)) {
      return Status.ALREADY_EXISTS
          .withDescription("already exists")
          .withCause(e)
          .asRuntimeException();
    }
    if (isConnectionFailure(e)) {
      return unavailable(e);
    }
    String state = e.getSQLState();
    if (state != null && state.startsWith("40")) {
      return Status.ABORTED
          .withDescription("storage transaction aborted, retry: " + e.getMessage())
          .withCause(e)
          .asRuntimeException();
    }
    return Status.INTERNAL
        .withDescription("storage error: " + e.getMessage())
        .withCause(e)
        .asRuntimeException();
  }

  /** The database could not be reached or a connection could not be had from the pool. */
  static StatusRuntimeException unavailable(SQLException e) {
    return Status.UNAVAILABLE
        .withDescription("storage unavailable: " + e.getMessage())
        .withCause(e)
        .asRuntimeException();
  }

  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || (state != null && state.startsWith("08"));
  }
}
