package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.engine.testing.Gpg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed article's story and the workload kinds through the real API server: the operator jar's
 * webhook registered by a ValidatingWebhookConfiguration, the Grafeas server jar behind it, and
 * kubectl and curl used as a user would. One Grafeas server and one operator serve the class.
 */
@ExtendWith(ClusterExtension.class)
class AdmissionWebhookIT {

  private static final String PAYMENT =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String UNATTESTED =
      "gcr.io/hightowerlabs/nginx@sha256:"
          + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String WEBHOOK = "images.dikast.io";
  private static final Duration DECIDED = Duration.ofSeconds(60);

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static Curl curl;
  private static Gpg gpg;
  private static String qaFingerprint;
  private static Path operatorKubeconfig;
  private static GrafeasServerProcess grafeas;
  private static WebhookEndpoint endpoint;
  private static OperatorProcess operator;
  private static WebhookRegistration webhook;
  private static TestNamespace checked;

  @BeforeAll
  static void startGrafeasAndOperator(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    curl = new Curl(cluster.workDir());
    gpg = Gpg.start();
    qaFingerprint = gpg.generateKey("qa_bob@example.com");
    OperatorServiceAccount.install(cluster.admin());
    operatorKubeconfig = OperatorServiceAccount.kubeconfig(cluster);
    grafeas = GrafeasServerProcess.start(settings().grafeasJar(), cluster.workDir());
    endpoint = WebhookEndpoint.create(cluster.workDir());
    operator = startOperator();
    webhook = WebhookRegistration.register(kubectl, "dikast-e2e", endpoint);
    checked = policyNamespace("checked", "qa-checked");
  }

  @AfterAll
  static void stopAll() {
    RuntimeException failure = null;
    for (AutoCloseable resource : new AutoCloseable[] {checked, webhook, operator, grafeas, gpg}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        // Keep closing: a process left running would outlive the suite.
        if (failure == null) {
          failure = new IllegalStateException("cannot close " + resource, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Test
  void refusesThePaymentProcessorUntilItsClearSignedDigestIsUploaded() {
    TestNamespace payments = policyNamespace("payments", "qa");
    try (payments) {
      Kubectl.Result refused = kubectl.apply(payments.name(), paymentProcessor());

      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr()).isEqualTo(refusal(payments, PAYMENT));

      uploadClearSignedAttestation("qa", PAYMENT);

      await()
          .atMost(DECIDED)
          .untilAsserted(
              () ->
                  assertThat(kubectl.apply(payments.name(), paymentProcessor()).stdout())
                      .isEqualTo("pod/payment-processor created\n"));
    }
  }

  @Test
  void refusesADeploymentOfAnUnattestedImage() {
    Kubectl.Result refused = kubectl.apply(checked.name(), workload("Deployment", UNATTESTED));

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).isEqualTo(refusal(checked, UNATTESTED));
  }

  @Test
  void refusesSwitchingAnAdmittedDeploymentToAnUnattestedImage() {
    TestNamespace web = policyNamespace("web", "qa-web");
    try (web) {
      uploadClearSignedAttestation("qa-web", PAYMENT);
      await()
          .atMost(DECIDED)
          .untilAsserted(
              () ->
                  assertThat(kubectl.apply(web.name(), workload("Deployment", PAYMENT)).stdout())
                      .isEqualTo("deployment.apps/app created\n"));

      Kubectl.Result refused =
          kubectl.run("set", "image", "-n", web.name(), "deployment/app", "app=" + UNATTESTED);

      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr())
          .isEqualTo(
              "error: failed to patch image update to pod template: admission webhook \""
                  + WEBHOOK
                  + "\" denied the request: "
                  + denial(web, UNATTESTED)
                  + "\n");
      assertThat(
              kubectl
                  .run(
                      "get",
                      "-n",
                      web.name(),
                      "deployment/app",
                      "-o",
                      "jsonpath={.spec.template.spec.containers[0].image}")
                  .stdout())
          .isEqualTo(PAYMENT);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"StatefulSet", "DaemonSet", "Job", "CronJob"})
  void refusesAnotherWorkloadKindOfAnUnattestedImage(String kind) {
    Kubectl.Result refused = kubectl.apply(checked.name(), workload(kind, UNATTESTED));

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).isEqualTo(refusal(checked, UNATTESTED));
  }

  @Test
  void admitsABreakglassPodWithAWarningAndAWarningEventOnThePolicy() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: hotfix
          annotations:
            kritis.grafeas.io/breakglass: "true"
        spec:
          containers:
          - name: hotfix
            image: %s
        """
            .formatted(UNATTESTED);

    Kubectl.Result admitted = kubectl.apply(checked.name(), pod);

    String warning =
        "image "
            + UNATTESTED
            + " admitted under break-glass despite ImageSecurityPolicy "
            + checked.name()
            + "/qa-only: no valid attestation by authority qa (qa: no attestation occurrence for"
            + " this digest)";
    assertThat(admitted.stdout()).isEqualTo("pod/hotfix created\n");
    assertThat(admitted.stderr()).isEqualTo("Warning: " + warning + "\n");
    await()
        .atMost(DECIDED)
        .untilAsserted(
            () -> {
              List<List<String>> rows = breakglassEvents();
              assertThat(rows).hasSize(1);
              assertThat(rows.get(0).subList(1, 4))
                  .containsExactly("Warning", "BreakglassAdmission", "imagesecuritypolicy/qa-only");
              assertThat(rows.get(0).get(4))
                  .startsWith("Pod/" + checked.name() + "/hotfix admitted by break-glass for user ")
                  .endsWith(": " + warning);
            });
  }

  /**
   * The rows of {@code kubectl get events} (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE), split where
   * kubectl pads its columns.
   */
  private static List<List<String>> breakglassEvents() {
    Kubectl.Result events =
        kubectl.run(
            "get",
            "events",
            "-n",
            checked.name(),
            "--field-selector",
            "reason=BreakglassAdmission");
    List<String> lines = events.stdout().lines().toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(0).split(" {2,}"))
        .containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
    return lines.stream().skip(1).map(line -> List.of(line.split(" {2,}", 5))).toList();
  }

  @Test
  void refusesPodsWhileTheOperatorIsDownAndDecidesAgainOnceItIsBack() {
    operator.kill();
    try {
      Kubectl.Result refused = kubectl.apply(checked.name(), pod("while-down", UNATTESTED));

      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr())
          .isEqualTo(
              "Error from server (InternalError): error when creating \"STDIN\": Internal error"
                  + " occurred: failed calling webhook \""
                  + WEBHOOK
                  + "\": Post \""
                  + endpoint.url("/validate")
                  + "?timeout=10s\": dial tcp 127.0.0.1:"
                  + endpoint.port()
                  + ": connect: connection refused\n");
    } finally {
      operator = startOperator();
    }

    Kubectl.Result decided = kubectl.apply(checked.name(), pod("while-down", UNATTESTED));

    assertThat(decided.exitCode()).isEqualTo(1);
    assertThat(decided.stderr()).isEqualTo(refusal(checked, UNATTESTED));
  }

  private static OperatorProcess startOperator() {
    return OperatorProcess.start(
        settings().operatorJar(),
        operatorKubeconfig,
        cluster.workDir(),
        endpoint,
        Map.of(
            "dikast.grafeas.address",
            grafeas.address(),
            // A denial is remembered this long; the story's second apply must see the upload.
            "dikast.cache.negative-ttl",
            "1s"));
  }

  private static SuiteSettings settings() {
    return SuiteSettings.fromEnvironment();
  }

  /**
   * A checked namespace holding the Grafeas note, the QA AttestationAuthority {@code qa} on it and
   * the ImageSecurityPolicy {@code qa-only} requiring it, once the operator reports them ready.
   */
  private static TestNamespace policyNamespace(String prefix, String noteId) {
    TestNamespace namespace =
        TestNamespace.create(cluster.admin(), prefix, WebhookRegistration.CHECKED);
    Curl.Response note =
        curl.post(
            grafeas.restUrl() + "/v1alpha1/projects/image-signing/notes?noteId=" + noteId,
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
                noteId, qaFingerprint, Base64.getEncoder().encodeToString(armored.getBytes(UTF_8)));
    assertThat(kubectl.apply(namespace.name(), resources).stderr()).isEmpty();
    await()
        .atMost(DECIDED)
        .until(
            () ->
                kubectl
                    .readyCondition(namespace.name(), "isp/qa-only")
                    .equals("True AuthoritiesReady"));
    return namespace;
  }

  /**
   * The article's step 4: {@code gpg --clearsign} of the digest text, the occurrence written as its
   * heredoc writes it (the signature's line breaks raw inside the JSON string), {@code curl -X POST
   * … -d @occurrence.json}.
   */
  private static void uploadClearSignedAttestation(String noteId, String image) {
    String signature = gpg.clearSign(qaFingerprint, image + "\n");
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
            .formatted(image, noteId, signature.strip(), qaFingerprint);
    Curl.Response response =
        curl.post(
            grafeas.restUrl() + "/v1alpha1/projects/image-signing/occurrences",
            "occurrence.json",
            occurrence);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  private static String paymentProcessor() {
    return pod("payment-processor", PAYMENT);
  }

  private static String pod(String name, String image) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
        spec:
          containers:
          - name: %s
            image: %s
        """
        .formatted(name, name, image);
  }

  /** A workload named {@code app} of the kind, whose one container runs the image. */
  private static String workload(String kind, String image) {
    String template =
        """
          template:
            metadata:
              labels: {app: app}
            spec:
              restartPolicy: %s
              containers:
              - name: app
                image: %s
        """;
    return switch (kind) {
      case "Job" -> header("batch/v1", kind) + template.formatted("Never", image);
      case "CronJob" ->
          header(cronJobApiVersion(), kind)
              + "  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n"
              + template.formatted("Never", image).indent(4);
      default ->
          header("apps/v1", kind)
              + "  selector:\n    matchLabels: {app: app}\n"
              + ("StatefulSet".equals(kind) ? "  serviceName: app\n" : "")
              + template.formatted("Always", image);
    };
  }

  private static String header(String apiVersion, String kind) {
    return "apiVersion: %s\nkind: %s\nmetadata:\n  name: app\nspec:\n".formatted(apiVersion, kind);
  }

  /** CronJob reached batch/v1 in Kubernetes 1.21; the local 1.20 server serves v1beta1. */
  private static String cronJobApiVersion() {
    return cluster.serverMinorVersion() >= 21 ? "batch/v1" : "batch/v1beta1";
  }

  private static String denial(TestNamespace namespace, String image) {
    return "image "
        + image
        + " denied by ImageSecurityPolicy "
        + namespace.name()
        + "/qa-only: no valid attestation by authority qa (qa: no attestation occurrence for this"
        + " digest)";
  }

  /** What kubectl prints when the webhook refuses the creation in an apply. */
  private static String refusal(TestNamespace namespace, String image) {
    return "Error from server (Forbidden): error when creating \"STDIN\": admission webhook \""
        + WEBHOOK
        + "\" denied the request: "
        + denial(namespace, image)
        + "\n";
  }
}
