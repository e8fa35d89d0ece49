package io.dikast.verifier.grafeas;

import java.util.HashSet;
import java.util.Set;

/**
 * Follows the page tokens of one list; a server that repeats a token or never ends the list gives
 * an incomplete answer, never an endless admission.
 */
public final class PageTokens {

  private final int maxPages;
  private final String subject;
  private final Set<String> seen = new HashSet<>();
  private int pages;

  public PageTokens(int maxPages, String subject) {
    this.maxPages = maxPages;
    this.subject = subject;
  }

  /** Whether the list goes on after a page that returned {@code nextPageToken}. */
  public boolean more(String nextPageToken) throws BackendUnavailableException {
    pages++;
    if (nextPageToken.isEmpty()) {
      return false;
    }
    if (!seen.add(nextPageToken)) {
      throw new BackendUnavailableException(
          "Grafeas returned a page token it had already returned for " + subject);
    }
    if (pages >= maxPages) {
      throw new BackendUnavailableException(
          "Grafeas returned more than " + maxPages + " pages for " + subject);
    }
    return true;
  }
}
