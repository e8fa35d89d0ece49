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
import io.dikast.operator.policyset.ResolvedAuthority;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A Grafeas that answers, but with pages no list should have: a token loop, or a list that never
 * ends. Each admission must still be answered within its budget, denied, naming the cause.
 */
class GarbagePagesTest {

  private static final String NS = "payments";
  private static final String QA_NOTE = "projects/image-signing/notes/qa";
  private static final Duration BUDGET = Duration.ofSeconds(3);

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
    AtomicInteger pages = new AtomicInteger();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(
                new GrafeasGrpc.GrafeasImplBase() {
                  @Override
                  public void listNoteOccurrences(
                      ListNoteOccurrencesRequest request,
                      StreamObserver<ListNoteOccurrencesResponse> response) {
                    response.onNext(
                        ListNoteOccurrencesResponse.newBuilder()
                            .setNextPageToken(nextToken.apply(pages.incrementAndGet()))
                            .build());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
    try (GrafeasClients.Closeable client =
            GrafeasClients.plaintext("127.0.0.1:" + server.getPort(), Duration.ofSeconds(2));
        Webhook webhook = new Webhook(client.source(), BUDGET)) {
      webhook.with(qa()).with(policy());
      long start = System.nanoTime();
      JsonNode response =
          webhook.answer(AdmissionReviews.createPod(NS, AdmissionReviews.pod("payment", PAYMENT)));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET);
      return response;
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static ResolvedAuthority qa() throws Exception {
    return ResolvedAuthority.of(
        NS,
        "qa",
        QA_NOTE,
        List.of(
            KeyParser.parsePkix(
                "qa-1", JcaEcSigner.generate().publicKeyPem(), "ECDSA_P256_SHA256")),
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

  private static void assertDeniedBecause(JsonNode response, String reason) {
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("message").asText())
        .isEqualTo(
            "image " + PAYMENT + " denied by ImageSecurityPolicy payments/qa-only: " + reason);
  }
}
