package io.dikast.grafeas.store;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/** Maps JDBC failures to the gRPC status the API reports. */
final class SqlErrors {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String DISK_FULL = "53100";
  // H2 closes its database when it cannot write; every session on it then reports this.
  private static final String H2_DATABASE_CLOSED = "90098";
  // The JDK's strerror texts for ENOSPC, EDQUOT and EFBIG: the embedded database's file could not
  // grow, which H2 reports only as a general error wrapping them.
  private static final Set<String> OUT_OF_SPACE =
      Set.of("No space left on device", "Disk quota exceeded", "File too large");

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
    Optional<String> outOfSpace = outOfSpace(e);
    if (outOfSpace.isPresent()) {
      return full(outOfSpace.get(), e);
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

  /** No connection could be had: the database is out of space, or unavailable. */
  static StatusRuntimeException connectionFailure(SQLException e) {
    return outOfSpace(e).map(reason -> full(reason, e)).orElseGet(() -> unavailable(e));
  }

  /** The database could not be reached or a connection could not be had from the pool. */
  static StatusRuntimeException unavailable(SQLException e) {
    return Status.UNAVAILABLE
        .withDescription("storage unavailable: " + e.getMessage())
        .withCause(e)
        .asRuntimeException();
  }

  private static StatusRuntimeException full(String reason, SQLException e) {
    return Status.RESOURCE_EXHAUSTED
        .withDescription("storage full: " + reason)
        .withCause(e)
        .asRuntimeException();
  }

  /**
   * Why the database could not write for lack of space, if that is why, looking through causes and
   * a batch's next exceptions.
   */
  private static Optional<String> outOfSpace(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && DISK_FULL.equals(sql.getSQLState())) {
        return Optional.of(sql.getMessage());
      }
      if (cause instanceof IOException && OUT_OF_SPACE.contains(cause.getMessage())) {
        return Optional.of(cause.getMessage());
      }
      if (cause instanceof SQLException sql && sql.getNextException() != null) {
        Optional<String> next = outOfSpace(sql.getNextException());
        if (next.isPresent()) {
          return next;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return isH2StoreClosed(e)
        || e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || H2_DATABASE_CLOSED.equals(state)
        || (state != null && state.startsWith("08"));
  }

  /** H2 reports work on a store it closed, after a failed write, as a general error. */
  private static boolean isH2StoreClosed(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MVStoreException store
          && store.getErrorCode() == DataUtils.ERROR_CLOSED) {
        return true;
      }
    }
    return false;
  }
}
