package io.dikast.grafeas.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A database out of space is RESOURCE_EXHAUSTED naming storage, not a bare INTERNAL error. */
class SqlErrorsTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            h2WriteFailure(new IOException("File too large")),
            Status.Code.RESOURCE_EXHAUSTED,
            "storage full: File too large"),
        Arguments.of(
            h2WriteFailure(new IOException("No space left on device")),
            Status.Code.RESOURCE_EXHAUSTED,
            "storage full: No space left on device"),
        Arguments.of(
            new SQLException(
                "could not extend file \"base/16384/16385\": No space left on device", "53100"),
            Status.Code.RESOURCE_EXHAUSTED,
            "storage full: could not extend file \"base/16384/16385\": No space left on device"),
        Arguments.of(
            closedByFailure(h2WriteFailure(new IOException("File too large"))),
            Status.Code.RESOURCE_EXHAUSTED,
            "storage full: File too large"),
        Arguments.of(
            closedByFailure(h2WriteFailure(new IOException("Input/output error"))),
            Status.Code.UNAVAILABLE,
            "storage unavailable: The database has been closed"),
        Arguments.of(
            new SQLException(
                "General error: Transaction 2 is closed",
                "HY000",
                50000,
                new MVStoreException(DataUtils.ERROR_CLOSED, "Transaction 2 is closed")),
            Status.Code.UNAVAILABLE,
            "storage unavailable: General error: Transaction 2 is closed"),
        Arguments.of(
            h2WriteFailure(new IOException("Input/output error")),
            Status.Code.INTERNAL,
            "storage error: General error: Writing failed"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void mapsTheFailureToTheStatusClientsSee(
      SQLException failure, Status.Code code, String description) {
    Status status = SqlErrors.toStatus(failure).getStatus();

    assertThat(status.getCode()).isEqualTo(code);
    assertThat(status.getDescription()).isEqualTo(description);
  }

  @ParameterizedTest
  @MethodSource("failures")
  void mapsAFailureToConnectTheSameWayUnlessItIsInternal(
      SQLException failure, Status.Code code, String description) {
    Status status = SqlErrors.connectionFailure(failure).getStatus();

    if (code == Status.Code.RESOURCE_EXHAUSTED) {
      assertThat(status.getCode()).isEqualTo(code);
      assertThat(status.getDescription()).isEqualTo(description);
    } else {
      assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(status.getDescription()).startsWith("storage unavailable: ");
    }
  }

  /** How H2 reports a batch on a database another session's failed write closed. */
  private static SQLException closedByFailure(SQLException writeFailure) {
    SQLException closed =
        new BatchUpdateException("The database has been closed", "90098", 90098, new int[0], null);
    closed.setNextException(writeFailure);
    return closed;
  }

  /** How H2 reports a chunk it could not write: a general error over its store's exception. */
  private static SQLException h2WriteFailure(IOException io) {
    return new SQLException(
        "General error: Writing failed",
        "HY000",
        50000,
        new IllegalStateException("Writing to FileChannelImpl failed", io));
  }
}
