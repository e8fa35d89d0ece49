package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

  private static final String PAYMENT = ArticleStory.PAYMENT;
  private static final String UNATTESTED =
      "gcr.io/hightowerlabs/nginx@sha256:"
          + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String WEBHOOK = "images.dikast.io";
  private static final Duration DECIDED = ArticleStory.DECIDED;
  // The operator's default positive TTL (30 s) bounds revocation; the rest is room for a busy host.
  private static final Duration REVOKED = Duration.ofSeconds(30).plus(Duration.ofSeconds(30));

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static LocalOperator local;
  private static ArticleStory story;
  private static TestNamespace checked;

  @BeforeAll
  static void startGrafeasAndOperator(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    local =
        LocalOperator.start(
            cluster,
            "dikast-e2e",
            // A denial is remembered this long; the story's second apply must see the upload.
            Map.of("dikast.cache.negative-ttl", "1s"));
    story = ArticleStory.start(cluster, local.grafeas());
    checked = policyNamespace("checked", "qa-checked");
  }

  @AfterAll
  static void stopAll() {
    Closeables.closeAll(checked, local, story);
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
  void refusesNewPodsOfADigestWithinThePositiveTtlOnceItsAttestationIsDeleted() {
    TestNamespace payments = policyNamespace("payments", "qa-revoked");
    try (payments) {
      String occurrence = story.uploadClearSignedAttestation("qa-revoked", PAYMENT);
      await()
          .atMost(DECIDED)
          .untilAsserted(
              () ->
                  assertThat(kubectl.apply(payments.name(), pod("admitted", PAYMENT)).stdout())
                      .isEqualTo("pod/admitted created\n"));

      story.deleteOccurrence(occurrence);

      AtomicInteger attempt = new AtomicInteger();
      await()
          .atMost(REVOKED)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .apply(
                                  payments.name(), pod("new-" + attempt.incrementAndGet(), PAYMENT))
                              .stderr())
                      .isEqualTo(refusal(payments, PAYMENT)));
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
    local.killOperator();
    try {
      Kubectl.Result refused = kubectl.apply(checked.name(), pod("while-down", UNATTESTED));

      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr())
          .isEqualTo(
              "Error from server (InternalError): error when creating \"STDIN\": Internal error"
                  + " occurred: failed calling webhook \""
                  + WEBHOOK
                  + "\": Post \""
                  + local.endpoint().url("/validate")
                  + "?timeout=10s\": dial tcp 127.0.0.1:"
                  + local.endpoint().port()
                  + ": connect: connection refused\n");
    } finally {
      local.startOperator();
    }

    Kubectl.Result decided = kubectl.apply(checked.name(), pod("while-down", UNATTESTED));

    assertThat(decided.exitCode()).isEqualTo(1);
    assertThat(decided.stderr()).isEqualTo(refusal(checked, UNATTESTED));
  }

  private static String paymentProcessor() {
    return pod("payment-processor", PAYMENT);
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

  /** A checked namespace with QA's note, authority and policy, ready. */
  private static TestNamespace policyNamespace(String prefix, String noteId) {
    return story.policyNamespace(prefix, noteId, WebhookRegistration.CHECKED);
  }

  private static void uploadClearSignedAttestation(String noteId, String image) {
    story.uploadClearSignedAttestation(noteId, image);
  }

  private static String pod(String name, String image) {
    return ArticleStory.pod(name, image);
  }

  private static String denial(TestNamespace namespace, String image) {
    return ArticleStory.denial(namespace, image);
  }

  private static String refusal(TestNamespace namespace, String image) {
    return ArticleStory.refusal(WEBHOOK, namespace, image);
  }
}
