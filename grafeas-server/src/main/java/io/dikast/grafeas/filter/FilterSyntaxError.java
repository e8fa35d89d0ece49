package io.dikast.grafeas.filter;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Builds the INVALID_ARGUMENT error the API returns for a filter it cannot use. */
final class FilterSyntaxError {

  private FilterSyntaxError() {}

  static StatusRuntimeException at(int position, String problem) {
    return Status.INVALID_ARGUMENT
        .withDescription("filter: " + problem + " at position " + position)
        .asRuntimeException();
  }
}
