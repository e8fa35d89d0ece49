package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.engine.testing.Gpg;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Continuous validation on the real API server: a pod admitted with a valid attestation is marked
 * once the attestation occurrence is deleted from Grafeas and a run is asked for with the
 * annotation, {@code kubectl get isp} counts it, and the mark goes when the attestation is back.
 */
@ExtendWith(ClusterExtension.class)
class ContinuousValidationIT {

  private static final String PAYMENT =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String NOTE_ID = "qa-validation";
  private static final String MARK = "kritis.grafeas.io/invalidImageSecPolicy";
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static Curl curl;
  private static Gpg gpg;
  private static String qaFingerprint;
  private static GrafeasServerProcess grafeas;
  private static WebhookEndpoint endpoint;
  private static OperatorProcess operator;
  private static WebhookRegistration webhook;
  private static TestNamespace namespace;

  @BeforeAll
  static void startGrafeasAndOperator(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    curl = new Curl(cluster.workDir());
    gpg = Gpg.start();
    qaFingerprint = gpg.generateKey("qa_bob@example.com");
    OperatorServiceAccount.install(cluster.admin());
    SuiteSettings settings = SuiteSettings.fromEnvironment();
    grafeas = GrafeasServerProcess.start(settings.grafeasJar(), cluster.workDir());
    endpoint = WebhookEndpoint.create(cluster.workDir());
    operator =
        OperatorProcess.start(
            settings.operatorJar(),
            OperatorServiceAccount.kubeconfig(cluster),
            cluster.workDir(),
            endpoint,
            Map.of(
                "dikast.grafeas.address", grafeas.address(),
                "dikast.cache.negative-ttl", "1s",
                "dikast.validation.poll-interval", "1s"));
    webhook = WebhookRegistration.register(kubectl, "dikast-e2e-validation", endpoint);
    namespace = TestNamespace.create(cluster.admin(), "validation", WebhookRegistration.CHECKED);
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (AutoCloseable resource :
        new AutoCloseable[] {namespace, webhook, operator, grafeas, gpg}) {
      if (resource != null) {
        resource.close();
      }
    }
  }

  @Test
  void marksARunningPodWhoseAttestationWasDeletedAndClearsItOnceReUploaded() throws Exception {
    createNoteAuthorityAndPolicy();
    String occurrence = uploadClearSignedAttestation();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(kubectl.apply(namespace.name(), paymentPod()).stdout())
                    .isEqualTo("pod/payment created\n"));

    deleteOccurrence(occurrence);
    requestRun();

    await().atMost(PATIENCE).until(() -> mark().equals("invalidImageSecPolicy"));
    assertThat(podAnnotation())
        .isEqualTo(
            "image "
                + PAYMENT
                + " denied by ImageSecurityPolicy "
                + namespace.name()
                + "/qa-only: no valid attestation by authority qa (qa: no attestation occurrence"
                + " for this digest)");
    await().atMost(PATIENCE).until(() -> violationsColumn().equals("1"));
    assertThat(
            kubectl
                .run(
                    "get",
                    "pods",
                    "-n",
                    namespace.name(),
                    "-l",
                    MARK + "=invalidImageSecPolicy",
                    "-o",
                    "name")
                .stdout())
        .isEqualTo("pod/payment\n");

    uploadClearSignedAttestation();
    requestRun();

    await().atMost(PATIENCE).until(() -> mark().isEmpty() && violationsColumn().equals("0"));
    assertThat(podAnnotation()).isEmpty();
    assertThat(cluster.admin().pods().inNamespace(namespace.name()).withName("payment").get())
        .isNotNull();
  }

  private static void createNoteAuthorityAndPolicy() {
    Curl.Response note =
        curl.post(
            grafeas.restUrl() + "/v1alpha1/projects/image-signing/notes?noteId=" + NOTE_ID,
            "note.json",
            "{\"attestationAuthority\": {\"hint\": {\"humanReadableName\": \"qa\"}}}");
    assertThat(note.status()).as(note.body()).isEqualTo(200);
    String armored = gpg.exportPublicKey(qaFingerprint);
    String resources =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: qa
        spec:
          noteReference: projects/image-signing/notes/%s
          publicKeys:
          - keyType: PGP
            keyId: %s
            asciiArmoredPgpPublicKey: %s
        ---
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: qa-only
        spec:
          attestationAuthorityNames: [qa]
        """
            .formatted(
                NOTE_ID,
                qaFingerprint,
                Base64.getEncoder().encodeToString(armored.getBytes(UTF_8)));
    assertThat(kubectl.apply(namespace.name(), resources).stderr()).isEmpty();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                kubectl
                    .readyCondition(namespace.name(), "isp/qa-only")
                    .equals("True AuthoritiesReady"));
  }

  /** The article's clear-signed digest, uploaded with curl; returns the occurrence's name. */
  private static String uploadClearSignedAttestation() throws IOException {
    String signature = gpg.clearSign(qaFingerprint, PAYMENT + "\n");
    String occurrence =
        """
        {
        "resourceUrl": "%s",
        "noteName": "projects/image-signing/notes/%s",
        "attestation": {
        "pgpSignedAttestation": {
        "signature": "%s",
        "contentType": "application/vnd.gcr.image.url.v1",
        "pgpKeyId": "%s"
        }
        }
        }
        """
            .formatted(PAYMENT, NOTE_ID, signature.strip(), qaFingerprint);
    Curl.Response response =
        curl.post(
            grafeas.restUrl() + "/v1alpha1/projects/image-signing/occurrences",
            "occurrence.json",
            occurrence);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("name").asText();
  }

  private static void deleteOccurrence(String name) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(grafeas.restUrl() + "/v1/" + name))
                    .timeout(Duration.ofSeconds(20))
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static void requestRun() {
    Kubectl.Result annotated =
        kubectl.run(
            "annotate",
            "-n",
            namespace.name(),
            "--overwrite",
            "isp/qa-only",
            "kritis.grafeas.io/revalidate=now");
    assertThat(annotated.stderr()).isEmpty();
  }

  private static String mark() {
    Map<String, String> labels = pod().getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(MARK, "");
  }

  private static String podAnnotation() {
    Map<String, String> annotations = pod().getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(MARK, "");
  }

  private static Pod pod() {
    return cluster.admin().pods().inNamespace(namespace.name()).withName("payment").get();
  }

  /** The VIOLATIONS cell of {@code kubectl get isp qa-only}. */
  private static String violationsColumn() {
    List<PrinterTable> tables =
        PrinterTable.parse(kubectl.run("get", "-n", namespace.name(), "isp/qa-only").stdout());
    PrinterTable table = tables.get(0);
    return table.rows().get(0).get(table.headers().indexOf("VIOLATIONS"));
  }

  private static String paymentPod() {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: payment
        spec:
          containers:
          - name: payment
            image: %s
        """
        .formatted(PAYMENT);
  }
}
