package io.dikast.grafeas.store;

/**
 * A list request as the API receives it.
 *
 * @param filter the Grafeas filter expression, empty for none
 * @param pageSize requested page size; 0 means the default (20), larger than 1000 is capped
 * @param pageToken the opaque token of a previous page, empty for the first page
 */
public record ListQuery(String filter, int pageSize, String pageToken) {

  public static final int DEFAULT_PAGE_SIZE = 20;
  public static final int MAX_PAGE_SIZE = 1000;

  public ListQuery {
    filter = filter == null ? "" : filter;
    pageToken = pageToken == null ? "" : pageToken;
    if (pageSize < 0) {
      throw new IllegalArgumentException("pageSize must not be negative");
    }
  }

  /** The page size the store serves. */
  public int effectivePageSize() {
    return pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
  }
}
