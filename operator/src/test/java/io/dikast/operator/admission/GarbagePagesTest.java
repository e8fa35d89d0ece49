package io.dikast.operator.admission;

import static io.dikast.operator.admission.GrafeasPages.QA_NOTE;
import static io.dikast.operator.admission.GrafeasPages.assertDeniedBecause;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.engine.testing.JcaEcSigner;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A Grafeas that answers, but with pages no list should have: a token loop, or a list that never
 * ends. Each admission must still be answered within its budget, denied, naming the cause.
 */
class GarbagePagesTest {

  @Test
  void deniesWhenGrafeasRepeatsAPageToken() throws Exception {
    JsonNode response = answerWithPages(page -> "again");

    assertDeniedBecause(
        response,
        "attestation backend unavailable (Grafeas returned a page token it had already returned"
            + " for note "
            + QA_NOTE
            + ")");
  }

  @Test
  void deniesWhenGrafeasNeverEndsTheList() throws Exception {
    JsonNode response = answerWithPages(page -> "page-" + page);

    assertDeniedBecause(
        response,
        "attestation backend unavailable (Grafeas returned more than 50 pages for note "
            + QA_NOTE
            + ")");
  }

  private static JsonNode answerWithPages(IntFunction<String> nextToken) throws Exception {
    return GrafeasPages.admit(
        JcaEcSigner.generate(),
        page ->
            ListNoteOccurrencesResponse.newBuilder()
                .setNextPageToken(nextToken.apply(page))
                .build());
  }
}
