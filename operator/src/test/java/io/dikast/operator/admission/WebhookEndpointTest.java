package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.crds.v1beta1.Breakglass;
import io.dikast.crds.v1beta1.Denials;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.operator.policyset.PolicySetView;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook as the API server reaches it: HTTPS with the configured certificate, JSON in and out,
 * policies reconciled from custom resources in the mock API server, consequences written back.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = WebhookTestResources.class, restrictToAnnotatedClass = true)
class WebhookEndpointTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject KubernetesClient client;
  @Inject PolicySetView view;

  @TestHTTPResource(value = "/validate", tls = true)
  URL validate;

  @TestHTTPResource(value = "/q/metrics", tls = true)
  URL metrics;

  private String namespace;

  @BeforeEach
  void freshNamespaceWithCrds() throws IOException {
    for (String plural :
        List.of("attestationauthorities", "imagesecuritypolicies", "genericattestationpolicies")) {
      try (InputStream crd =
          getClass().getResourceAsStream("/crds/" + plural + ".kritis.grafeas.io-v1.yml")) {
        client
            .resource(YAML.unmarshal(crd, CustomResourceDefinition.class))
            .createOr(c -> c.update());
      }
    }
    namespace = "webhook-" + NAMESPACES.incrementAndGet();
  }

  @Test
  void deniesOverHttpsWithTheConfiguredCertificate() throws Exception {
    requireAuthority("qa");

    HttpResponse<String> answer = post(pod("nginx:1.25"));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode review = JSON.readTree(answer.body());
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
    assertThat(review.path("response").path("allowed").asBoolean(true)).isFalse();
    assertThat(review.path("response").path("status").path("message").asText())
        .isEqualTo(
            "image nginx:1.25 denied by ImageSecurityPolicy "
                + namespace
                + "/qa-only: image is not pinned by a sha256 digest");
  }

  @Test
  void admitsEverythingInANamespaceWithoutPolicies() throws Exception {
    JsonNode response = JSON.readTree(post(pod("nginx:1.25")).body()).path("response");

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("auditAnnotations").path("decision").asText()).isEqualTo("allowed");
  }

  @Test
  void decidesWhatNeedsNoGrafeasOnTheEventLoopThatReadTheRequest() throws Exception {
    requireAuthority("qa");

    try (DecisionLog log = DecisionLog.capture()) {
      post(pod("nginx:1.25"));
      post(pod("nginx:1.25"));

      // A blocking endpoint would decide on a worker thread (executor-thread-N): a thread hop
      // per admission, and the body read through a blocking stream.
      assertThat(log.records())
          .hasSize(2)
          .allSatisfy(
              record ->
                  assertThat(((ExtLogRecord) record).getThreadName())
                      .startsWith("vert.x-eventloop-thread-"));
    }
  }

  @Test
  void recordsADenialInThePolicysStatus() throws Exception {
    requireAuthority("qa");

    post(pod("nginx:1.25"));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Denials denials = policy().getStatus().getDenials();
              assertThat(denials).isNotNull();
              assertThat(denials.getCount()).isEqualTo(1);
              assertThat(denials.getLastMessage())
                  .isEqualTo(
                      "image nginx:1.25 denied by ImageSecurityPolicy "
                          + namespace
                          + "/qa-only: image is not pinned by a sha256 digest");
              assertThat(denials.getLastTime()).isNotBlank();
            });
  }

  @Test
  void admitsBreakglassAndRecordsItAsEventStatusAndMetric() throws Exception {
    requireAuthority("qa");
    String breakglassPod =
        AdmissionReviews.pod("hotfix", "nginx:1.25")
            .replace(
                "\"name\":\"hotfix\"}",
                "\"name\":\"hotfix\",\"annotations\":{\"kritis.grafeas.io/breakglass\":\"true\"}}");

    JsonNode response =
        JSON.readTree(post(AdmissionReviews.createPod(namespace, breakglassPod)).body())
            .path("response");

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings").get(0).asText())
        .isEqualTo(
            "image nginx:1.25 admitted under break-glass despite ImageSecurityPolicy "
                + namespace
                + "/qa-only: image is not pinned by a sha256 digest");
    assertThat(response.path("auditAnnotations").path("breakglass").asText()).isEqualTo("applied");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Breakglass last = policy().getStatus().getLastBreakglass();
              assertThat(last).isNotNull();
              assertThat(last.getWorkload()).isEqualTo("Pod/" + namespace + "/hotfix");
              assertThat(last.getUser()).isEqualTo("alice@example.com");
              assertThat(last.getCount()).isEqualTo(1);
              assertThat(breakglassEvents())
                  .singleElement()
                  .satisfies(
                      event -> {
                        assertThat(event.getType()).isEqualTo("Warning");
                        assertThat(event.getInvolvedObject().getKind())
                            .isEqualTo("ImageSecurityPolicy");
                        assertThat(event.getInvolvedObject().getName()).isEqualTo("qa-only");
                        assertThat(event.getMessage())
                            .startsWith(
                                "Pod/"
                                    + namespace
                                    + "/hotfix admitted by break-glass for user"
                                    + " alice@example.com: ");
                      });
            });
    assertThat(scrape()).contains("dikast_breakglass_total");
  }

  @Test
  void dryRunRequestsLeaveNoTrace() throws Exception {
    requireAuthority("qa");
    String dryRun =
        AdmissionReviews.create("", "v1", "Pod")
            .dryRun()
            .namespace(namespace)
            .object(AdmissionReviews.pod("try", "nginx:1.25"))
            .json();
    post(dryRun);
    String real = pod("nginx:1.26");

    post(real);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Denials denials = policy().getStatus().getDenials();
              assertThat(denials).isNotNull();
              assertThat(denials.getLastMessage()).contains("nginx:1.26");
              assertThat(denials.getCount()).isEqualTo(1);
            });
  }

  @Test
  void admitsADeletionUncheckedAndSaysWhy() throws Exception {
    requireAuthority("qa");
    String delete =
        AdmissionReviews.operation("DELETE", "", "v1", "Pod")
            .namespace(namespace)
            .oldObject(AdmissionReviews.pod("payment", PAYMENT))
            .json();

    JsonNode response = JSON.readTree(post(delete).body()).path("response");

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("auditAnnotations").path("skipped").asText())
        .isEqualTo("operation DELETE is not checked");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "[1,2]",
        "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\"}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":"
            + "{\"uid\":\"u\",\"operation\":\"CREATE\",\"kind\":{\"group\":\"\",\"version\":\"v1\","
            + "\"kind\":\"Pod\"},\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Secret\"}}}",
        "\u0000\u0001\u0002",
      })
  void answersMalformedReviewsWith400AndAMessage(String body) throws Exception {
    HttpResponse<String> answer = post(body);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("message").asText()).isNotBlank();
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void answersABodyAboveTheLimitWith413AndAMessage(HttpClient.Version version) throws Exception {
    String oversized = pod("nginx:1.25").replace("\"payment\"", "\"" + "p".repeat(7 << 20) + "\"");

    HttpResponse<String> answer = post(oversized, version);

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(answer.body()).path("message").asText())
        .isEqualTo(
            "AdmissionReview body of "
                + oversized.length()
                + " bytes is larger than the webhook's limit of 6291456 bytes"
                + " (dikast.admission.max-body-size)");
  }

  @Test
  void decidesABodyJustBelowTheLimit() throws Exception {
    String large = pod("nginx:1.25").replace("\"payment\"", "\"" + "p".repeat(6_000_000) + "\"");

    HttpResponse<String> answer = post(large, HttpClient.Version.HTTP_2);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("response").path("allowed").asBoolean()).isTrue();
  }

  @Test
  void refusesWith400AReviewWhoseObjectIsInAnotherNamespaceThanTheRequest() throws Exception {
    requireAuthority("qa");
    String pod =
        AdmissionReviews.pod("payment", PAYMENT)
            .replace("\"name\":\"payment\"", "\"name\":\"payment\",\"namespace\":\"default\"");

    HttpResponse<String> answer = post(AdmissionReviews.createPod(namespace, pod));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("message").asText())
        .isEqualTo(
            "request is for namespace " + namespace + " but its object is in namespace default");
  }

  @Test
  void refusesWith400ACustomKindWhosePodSpecHasTheWrongShape() throws Exception {
    String widget =
        AdmissionReviews.create("example.com", "v1", "Widget")
            .namespace(namespace)
            .object(
                "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"spec\":{\"containers\":{}}}")
            .json();

    HttpResponse<String> answer = post(widget);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("message").asText())
        .isEqualTo(
            "request object is not a valid Widget.example.com: /spec/containers is not a list");
  }

  @Test
  void checksAKindWhereAPolicyResourceSaysItKeepsItsPodSpec() throws Exception {
    client
        .resource(
            YAML.unmarshal(
                """
                apiVersion: kritis.grafeas.io/v1beta1
                kind: ImageSecurityPolicy
                metadata: {name: runners, namespace: %s}
                spec:
                  attestationAuthorityNames: [qa]
                  podSpecKinds:
                    - {group: ci.example.com, kind: Runner, podSpecPath: /spec/workers/pod}
                """
                    .formatted(namespace),
                ImageSecurityPolicy.class))
        .create();
    await().atMost(PATIENCE).until(() -> !view.snapshot(namespace).podSpecKinds().isEmpty());
    String runner =
        AdmissionReviews.create("ci.example.com", "v1", "Runner")
            .namespace(namespace)
            .object(
                "{\"apiVersion\":\"ci.example.com/v1\",\"kind\":\"Runner\",\"metadata\":"
                    + "{\"name\":\"nightly\"},\"spec\":{\"workers\":{\"pod\":{\"containers\":"
                    + "[{\"image\":\"nginx:1.25\"}]}}}}")
            .json();

    JsonNode response = JSON.readTree(post(runner).body()).path("response");

    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("message").asText())
        .isEqualTo(
            "image nginx:1.25 denied by ImageSecurityPolicy "
                + namespace
                + "/runners: image is not pinned by a sha256 digest");
  }

  @Test
  void answersAGetWithAJsonErrorInsteadOfAPage() throws Exception {
    HttpResponse<String> answer =
        https().send(HttpRequest.newBuilder(validate.toURI()).GET().build(), ofString());

    assertThat(answer.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(answer.body()).has("message")).isTrue();
  }

  @Test
  void countsDecisionsByOutcomeAndKind() throws Exception {
    requireAuthority("qa");
    post(pod("nginx:1.25"));

    assertThat(scrape())
        .contains("dikast_admission_requests_total{decision=\"denied\",kind=\"Pod\"}")
        .contains("dikast_admission_duration_seconds_bucket")
        .contains("dikast_verification_cache_hits_total")
        .contains("dikast_verification_cache_misses_total")
        .contains("dikast_grafeas_request_duration_seconds");
  }

  private void requireAuthority(String authority) {
    client
        .resource(
            YAML.unmarshal(
                """
                apiVersion: kritis.grafeas.io/v1beta1
                kind: ImageSecurityPolicy
                metadata: {name: qa-only, namespace: %s}
                spec:
                  attestationAuthorityNames: [%s]
                """
                    .formatted(namespace, authority),
                ImageSecurityPolicy.class))
        .create();
    PublishedPolicies.await(view, namespace, PATIENCE);
  }

  private ImageSecurityPolicy policy() {
    return client
        .resources(ImageSecurityPolicy.class)
        .inNamespace(namespace)
        .withName("qa-only")
        .get();
  }

  private List<Event> breakglassEvents() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> "BreakglassAdmission".equals(event.getReason()))
        .toList();
  }

  private String pod(String image) {
    return AdmissionReviews.createPod(namespace, AdmissionReviews.pod("payment", image));
  }

  private HttpResponse<String> post(String body) throws Exception {
    return post(body, HttpClient.Version.HTTP_2);
  }

  private HttpResponse<String> post(String body, HttpClient.Version version) throws Exception {
    return https()
        .send(
            HttpRequest.newBuilder(validate.toURI())
                .version(version)
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            ofString());
  }

  private String scrape() throws Exception {
    return https().send(HttpRequest.newBuilder(metrics.toURI()).GET().build(), ofString()).body();
  }

  private static HttpClient https() {
    return HttpClient.newBuilder()
        .sslContext(WebhookTestResources.certificate.trustingOnlyThis())
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
