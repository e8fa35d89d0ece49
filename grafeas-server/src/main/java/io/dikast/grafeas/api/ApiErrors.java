package io.dikast.grafeas.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The errors the API reports, as gRPC statuses both protocols translate. */
public final class ApiErrors {

  private ApiErrors() {}

  public static StatusRuntimeException invalidArgument(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  public static StatusRuntimeException notFound(String message) {
    return Status.NOT_FOUND.withDescription(message).asRuntimeException();
  }

  public static StatusRuntimeException failedPrecondition(String message) {
    return Status.FAILED_PRECONDITION.withDescription(message).asRuntimeException();
  }
}
