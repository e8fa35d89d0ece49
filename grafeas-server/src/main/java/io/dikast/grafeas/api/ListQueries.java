package io.dikast.grafeas.api;

import io.dikast.grafeas.store.ListQuery;

/** Turns the list fields of a request into a {@link ListQuery}. */
final class ListQueries {

  private ListQueries() {}

  static ListQuery of(String filter, int pageSize, String pageToken) {
    if (pageSize < 0) {
      throw ApiErrors.invalidArgument("page_size must not be negative, got " + pageSize);
    }
    return new ListQuery(filter, pageSize, pageToken);
  }
}
