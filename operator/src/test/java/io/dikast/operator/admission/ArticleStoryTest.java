package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.Breakglass;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.verification.Occurrences;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed article's story through the HTTPS webhook, with the real Grafeas server module over gRPC
 * behind it: denied, signed, uploaded, admitted; the same with a PKIX key; break-glass.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = WebhookTestResources.class, restrictToAnnotatedClass = true)
class ArticleStoryTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QA_DENIAL =
      "image "
          + PAYMENT
          + " denied by ImageSecurityPolicy payments/qa-only: no valid attestation by authority qa"
          + " (qa: no attestation occurrence for this digest)";

  private static Gpg gpg;
  private static OpenSsl openssl;
  private static String qaFingerprint;

  @Inject KubernetesClient client;
  @Inject PolicySetView view;

  @TestHTTPResource(value = "/validate", tls = true)
  URL validate;

  @BeforeAll
  static void makeKeys() {
    gpg = Gpg.start();
    openssl = OpenSsl.start();
    qaFingerprint = gpg.generateKey("qa_bob@example.com");
  }

  @AfterAll
  static void dropKeys() {
    gpg.close();
    openssl.close();
  }

  @BeforeEach
  void installCrds() throws IOException {
    for (String plural :
        List.of("attestationauthorities", "imagesecuritypolicies", "genericattestationpolicies")) {
      try (InputStream crd =
          getClass().getResourceAsStream("/crds/" + plural + ".kritis.grafeas.io-v1.yml")) {
        client
            .resource(YAML.unmarshal(crd, CustomResourceDefinition.class))
            .createOr(c -> c.update());
      }
    }
  }

  @Test
  void deniesThePaymentPodThenAdmitsItOnceTheClearSignedDigestIsUploaded() throws Exception {
    grafeasRest(
        "/v1alpha1/projects/image-signing/notes?noteId=qa",
        "{\"attestationAuthority\":{\"hint\":{\"humanReadableName\":\"qa\"}}}");
    createPgpAuthority("payments", "qa", "projects/image-signing/notes/qa");
    createPolicy("payments", "qa-only", "qa", "Allow");

    assertDenied(admit(pod("payments", "payment", PAYMENT)), QA_DENIAL);

    String digestText = PAYMENT + "\n";
    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("resourceUrl", PAYMENT).put("noteName", "projects/image-signing/notes/qa");
    occurrence
        .putObject("attestation")
        .putObject("pgpSignedAttestation")
        .put("signature", gpg.clearSign(qaFingerprint, digestText))
        .put("contentType", "application/vnd.gcr.image.url.v1")
        .put("pgpKeyId", qaFingerprint);
    grafeasRest("/v1alpha1/projects/image-signing/occurrences", occurrence.toString());

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode response = admit(pod("payments", "payment", PAYMENT));
              assertThat(response.path("allowed").asBoolean()).isTrue();
              assertThat(response.path("auditAnnotations").path("decision").asText())
                  .isEqualTo("allowed");
            });
  }

  @Test
  void admitsAnAtomicSignatureByAPkixKeyUploadedOverGrpc() throws Exception {
    OpenSsl.Key key = openssl.ecKey("P-256");
    String note = "projects/image-signing/notes/security";
    ImageReference image = ImageReference.parse(PAYMENT);
    try (Grpc grafeas = new Grpc()) {
      grafeas.stub.createNote(
          CreateNoteRequest.newBuilder()
              .setParent("projects/image-signing")
              .setNoteId("security")
              .setNote(Note.newBuilder().setAttestation(AttestationNote.getDefaultInstance()))
              .build());
      createPkixAuthority("payments-pkix", "security", note, "security-ec", key.publicKeyPem());
      createPolicy("payments-pkix", "security-only", "security", "Allow");

      assertDenied(
          admit(pod("payments-pkix", "payment", PAYMENT)),
          "image "
              + PAYMENT
              + " denied by ImageSecurityPolicy payments-pkix/security-only: no valid attestation"
              + " by authority security (security: no attestation occurrence for this digest)");

      byte[] payload = Occurrences.atomicPayload(image);
      grafeas.stub.createOccurrence(
          CreateOccurrenceRequest.newBuilder()
              .setParent("projects/payments")
              .setOccurrence(
                  Occurrence.newBuilder()
                      .setResourceUri(image.resourceUri())
                      .setNoteName(note)
                      .setAttestation(
                          AttestationOccurrence.newBuilder()
                              .setSerializedPayload(ByteString.copyFrom(payload))
                              .addSignatures(
                                  Signature.newBuilder()
                                      .setSignature(
                                          ByteString.copyFrom(openssl.sign(key, "SHA256", payload)))
                                      .setPublicKeyId("security-ec"))))
              .build());
    }

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        admit(pod("payments-pkix", "payment", PAYMENT)).path("allowed").asBoolean())
                    .isTrue());
  }

  @Test
  void admitsBreakglassWithWarningAuditEventAndStatus() throws Exception {
    createPgpAuthority("payments-bg", "qa", "projects/image-signing/notes/qa-bg");
    createPolicy("payments-bg", "qa-only", "qa", "Allow");

    JsonNode response = admit(breakglassPod("payments-bg"));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings").get(0).asText())
        .isEqualTo(
            "image "
                + PAYMENT
                + " admitted under break-glass despite ImageSecurityPolicy payments-bg/qa-only:"
                + " no valid attestation by authority qa (qa: no attestation occurrence for this"
                + " digest)");
    assertThat(response.path("auditAnnotations").path("breakglass").asText()).isEqualTo("applied");
    assertThat(response.path("auditAnnotations").path("breakglass-bypassed").asText())
        .isEqualTo("ImageSecurityPolicy/payments-bg/qa-only");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Breakglass last = policy("payments-bg", "qa-only").getStatus().getLastBreakglass();
              assertThat(last).isNotNull();
              assertThat(last.getWorkload()).isEqualTo("Pod/payments-bg/hotfix");
              assertThat(last.getUser()).isEqualTo("alice@example.com");
              assertThat(last.getCount()).isEqualTo(1);
              assertThat(events("payments-bg"))
                  .extracting(Event::getReason, e -> e.getInvolvedObject().getName())
                  .contains(org.assertj.core.groups.Tuple.tuple("BreakglassAdmission", "qa-only"));
            });
  }

  @Test
  void deniesBreakglassUnderAPolicyThatForbidsIt() throws Exception {
    createPgpAuthority("payments-strict", "qa", "projects/image-signing/notes/qa-strict");
    createPolicy("payments-strict", "qa-only", "qa", "Deny");

    JsonNode response = admit(breakglassPod("payments-strict"));

    assertDenied(
        response,
        "image "
            + PAYMENT
            + " denied by ImageSecurityPolicy payments-strict/qa-only: no valid attestation by"
            + " authority qa (qa: no attestation occurrence for this digest); break-glass is"
            + " forbidden by this policy");
    assertThat(response.path("auditAnnotations").path("breakglass").asText())
        .isEqualTo("forbidden");
  }

  private void createPgpAuthority(String namespace, String name, String note) {
    String armored = gpg.exportPublicKey(qaFingerprint);
    AttestationAuthority authority =
        YAML.unmarshal(
            """
            apiVersion: kritis.grafeas.io/v1beta1
            kind: AttestationAuthority
            metadata: {name: %s, namespace: %s}
            spec:
              noteReference: %s
              publicKeys:
              - keyType: PGP
                keyId: %s
                asciiArmoredPgpPublicKey: %s
            """
                .formatted(name, namespace, note, qaFingerprint, YAML.asJson(armored)),
            AttestationAuthority.class);
    client.resource(authority).create();
    awaitAuthority(namespace, name);
  }

  private void createPkixAuthority(
      String namespace, String name, String note, String keyId, String pem) {
    AttestationAuthority authority =
        YAML.unmarshal(
            """
            apiVersion: kritis.grafeas.io/v1beta1
            kind: AttestationAuthority
            metadata: {name: %s, namespace: %s}
            spec:
              noteReference: %s
              publicKeys:
              - keyType: PKIX
                keyId: %s
                pkixPublicKey:
                  signatureAlgorithm: ECDSA_P256_SHA256
                  publicKeyPem: |
            %s"""
                .formatted(name, namespace, note, keyId, pem.indent(8)),
            AttestationAuthority.class);
    client.resource(authority).create();
    awaitAuthority(namespace, name);
  }

  private void awaitAuthority(String namespace, String name) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                view.snapshot(namespace)
                    .authority(name)
                    .map(authority -> !authority.keys().isEmpty())
                    .orElse(false));
  }

  private void createPolicy(String namespace, String name, String authority, String breakglass) {
    client
        .resource(
            YAML.unmarshal(
                """
                apiVersion: kritis.grafeas.io/v1beta1
                kind: ImageSecurityPolicy
                metadata: {name: %s, namespace: %s}
                spec:
                  attestationAuthorityNames: [%s]
                  breakglass: %s
                """
                    .formatted(name, namespace, authority, breakglass),
                ImageSecurityPolicy.class))
        .create();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                view.snapshot(namespace).policies().stream()
                    .anyMatch(policy -> policy.name().equals(name)));
  }

  private ImageSecurityPolicy policy(String namespace, String name) {
    return client.resources(ImageSecurityPolicy.class).inNamespace(namespace).withName(name).get();
  }

  private List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  private static String pod(String namespace, String name, String image) {
    return AdmissionReviews.createPod(namespace, AdmissionReviews.pod(name, image));
  }

  private static String breakglassPod(String namespace) {
    return AdmissionReviews.createPod(
        namespace,
        AdmissionReviews.pod("hotfix", PAYMENT)
            .replace(
                "\"name\":\"hotfix\"}",
                "\"name\":\"hotfix\",\"annotations\":{\"kritis.grafeas.io/breakglass\":\"true\"}}"));
  }

  private JsonNode admit(String body) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newBuilder()
            .sslContext(WebhookTestResources.certificate.trustingOnlyThis())
            .build()
            .send(
                HttpRequest.newBuilder(validate.toURI())
                    .header("content-type", "application/json")
                    .timeout(Duration.ofSeconds(15))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return JSON.readTree(answer.body()).path("response");
  }

  private static void grafeasRest(String path, String body) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(WebhookTestResources.grafeas.restUrl() + path))
                    .header("content-type", "application/json")
                    .timeout(Duration.ofSeconds(15))
                    .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private static void assertDenied(JsonNode response, String message) {
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText()).isEqualTo(message);
  }

  /** The Grafeas server's v1 gRPC API, as signing pipelines use it. */
  private static final class Grpc implements AutoCloseable {

    private final ManagedChannel channel =
        ManagedChannelBuilder.forTarget(WebhookTestResources.grafeas.address())
            .usePlaintext()
            .build();
    private final GrafeasGrpc.GrafeasBlockingStub stub =
        GrafeasGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);

    @Override
    public void close() throws InterruptedException {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
