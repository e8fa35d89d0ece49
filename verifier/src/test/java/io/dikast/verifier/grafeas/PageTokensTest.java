package io.dikast.verifier.grafeas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageTokensTest {

  @Test
  void endsAtTheFirstPageWithoutAToken() throws BackendUnavailableException {
    PageTokens pages = new PageTokens(3, "note qa");

    assertThat(pages.more("a")).isTrue();
    assertThat(pages.more("")).isFalse();
  }

  @Test
  void refusesAServerThatRepeatsAToken() throws BackendUnavailableException {
    PageTokens pages = new PageTokens(10, "note qa");
    pages.more("a");

    assertThatThrownBy(() -> pages.more("a"))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("Grafeas returned a page token it had already returned for note qa");
  }

  @Test
  void refusesAServerThatNeverEndsTheList() throws BackendUnavailableException {
    PageTokens pages = new PageTokens(2, "note qa");
    pages.more("a");

    assertThatThrownBy(() -> pages.more("b"))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("Grafeas returned more than 2 pages for note qa");
  }
}
