package io.dikast.grafeas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokenTest {

  private final long request = PageToken.requestHash("occurrences.project", "payments", "kind=X");

  @Test
  void tokenCarriesTheLastSequenceBackToTheSameRequest() {
    String token = PageToken.encode(41, request);

    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(PageToken.continueAfter(token, request)).isEqualTo(41);
    assertThat(PageToken.continueAfter("", request)).isZero();
  }

  @Test
  void requestHashDependsOnCollectionScopeAndFilter() {
    assertThat(PageToken.requestHash("occurrences.project", "payments", "kind=X"))
        .isEqualTo(request)
        .isNotEqualTo(PageToken.requestHash("notes.project", "payments", "kind=X"))
        .isNotEqualTo(PageToken.requestHash("occurrences.project", "billing", "kind=X"))
        .isNotEqualTo(PageToken.requestHash("occurrences.project", "payments", "kind=Y"));
  }

  @Test
  void tokenOfAnotherRequestIsRejected() {
    String token = PageToken.encode(41, request + 1);

    assertInvalid(token, "page_token was issued for another parent or filter");
  }

  @Test
  void malformedTokensAreRejected() {
    assertInvalid("%%%", "page_token is malformed");
    assertInvalid(
        Base64.getUrlEncoder().encodeToString(new byte[] {1, 2, 3}), "page_token is malformed");
    byte[] otherVersion = Base64.getUrlDecoder().decode(PageToken.encode(41, request));
    otherVersion[0] = 9;
    assertInvalid(Base64.getUrlEncoder().encodeToString(otherVersion), "page_token is malformed");
  }

  private static void assertInvalid(String token, String message) {
    long hash = PageToken.requestHash("occurrences.project", "payments", "kind=X");
    assertThatThrownBy(() -> PageToken.continueAfter(token, hash))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).isEqualTo(message);
            });
  }
}
