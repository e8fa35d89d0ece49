package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.operator.grafeas.GrafeasClients;
import io.dikast.operator.grafeas.StubGrafeas;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A loopback Grafeas whose note occurrences are whatever pages a test hands it, and the admission
 * of the payment pod against it: namespace payments, policy qa-only requiring authority qa (note
 * {@link #QA_NOTE}, one ECDSA key {@link #QA_KEY_ID}), answered within {@link #BUDGET}.
 */
final class GrafeasPages {

  static final String NS = "payments";
  static final String QA_NOTE = "projects/image-signing/notes/qa";
  static final String QA_KEY_ID = "qa-1";
  static final Duration BUDGET = Duration.ofSeconds(3);

  private GrafeasPages() {}

  /** Admits the payment pod while Grafeas answers page {@code n} (from 1) with {@code pages(n)}. */
  static JsonNode admit(JcaEcSigner qaKey, IntFunction<ListNoteOccurrencesResponse> pages)
      throws Exception {
    AtomicInteger page = new AtomicInteger();
    try (StubGrafeas grafeas =
            StubGrafeas.answering(
                (request, response) -> {
                  response.onNext(pages.apply(page.incrementAndGet()));
                  response.onCompleted();
                });
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(grafeas.address(), Duration.ofSeconds(2));
        Webhook webhook = new Webhook(client.source(), BUDGET)) {
      webhook.with(qa(qaKey)).with(policy());
      long start = System.nanoTime();
      JsonNode response =
          webhook.answer(AdmissionReviews.createPod(NS, AdmissionReviews.pod("payment", PAYMENT)));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET);
      return response;
    }
  }

  static void assertDeniedBecause(JsonNode response, String reason) {
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("message").asText())
        .isEqualTo(
            "image " + PAYMENT + " denied by ImageSecurityPolicy payments/qa-only: " + reason);
  }

  private static ResolvedAuthority qa(JcaEcSigner key) throws Exception {
    return ResolvedAuthority.of(
        NS,
        "qa",
        QA_NOTE,
        List.of(KeyParser.parsePkix(QA_KEY_ID, key.publicKeyPem(), "ECDSA_P256_SHA256")),
        true);
  }

  private static Policy policy() {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        NS,
        "qa-only",
        List.of(),
        List.of("qa"),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }
}
