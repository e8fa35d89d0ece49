package io.dikast.e2e;

import static io.dikast.e2e.ArticleStory.DECIDED;
import static io.dikast.e2e.ArticleStory.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart as {@code helm install} would apply it: its rendered CRDs, ServiceAccount, RBAC and
 * webhook configuration on the real API server, the operator running with the rendered environment
 * under that ServiceAccount's token, and its own certificate management keeping the caBundle
 * current. Certificates live a minute here, so the operator rotates during the class.
 */
@ExtendWith(ClusterExtension.class)
class ChartInstallIT {

  static final String RELEASE = "dikast-chart";
  static final String NAMESPACE = "dikast-chart-system";
  static final String WEBHOOK = "validate.dikast.kritis.grafeas.io";
  private static final String UNATTESTED =
      "gcr.io/hightowerlabs/nginx@sha256:"
          + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** A certificate is renewed 15 s after it is issued: several rotations in a minute or two. */
  static final Map<String, String> SHORT_LIVED_CERTIFICATES =
      Map.of(
          "webhook.tls.selfManaged.validity", "60s", "webhook.tls.selfManaged.renewBefore", "45s");

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static GrafeasServerProcess grafeas;
  private static ChartInstall install;
  private static OperatorProcess operator;
  private static ArticleStory story;
  private static int port;

  @BeforeAll
  static void installTheChart(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    grafeas =
        GrafeasServerProcess.of(SuiteSettings.fromEnvironment().grafeasJar())
            .in(cluster.workDir())
            .start();
    RenderedChart chart = RenderedChart.render(RELEASE, NAMESPACE, SHORT_LIVED_CERTIFICATES);
    port = WebhookEndpoint.freePort();
    install = ChartInstall.apply(cluster, chart, "https://localhost:" + port + "/validate");
    operator =
        ChartOperator.start(
            chart,
            install.operatorKubeconfig(),
            cluster.workDir(),
            cluster.workDir().resolve("chart-tls"),
            port,
            localReplica(grafeas, "dikast-chart-operator-0"),
            testTimings());
    story = ArticleStory.start(cluster, grafeas);
  }

  @AfterAll
  static void uninstall() {
    Closeables.closeAll(install, operator, grafeas, story);
  }

  /**
   * What a pod gets from the cluster and a local process must be told: the Grafeas Service's
   * address, the pod's host name (its leader-election identity) and the host the API server dials,
   * which the serving certificate must name instead of the Service.
   */
  static Map<String, String> localReplica(GrafeasServerProcess grafeas, String hostname) {
    return Map.of(
        "DIKAST_GRAFEAS_ADDRESS",
        grafeas.address(),
        "DIKAST_WEBHOOK_TLS_SERVICE_NAME",
        "localhost",
        "HOSTNAME",
        hostname);
  }

  /** Quicker than production so rotations and the story's second apply fit in a test. */
  static Map<String, String> testTimings() {
    return Map.of(
        "dikast.webhook.tls.check-interval", "2s",
        "dikast.webhook.serving.check-interval", "2s",
        "dikast.cache.negative-ttl", "1s");
  }

  @Test
  void theArticlesStoryPassesThroughTheRenderedWebhookAndRbac() {
    TestNamespace payments = story.policyNamespace("payments", "qa-chart", Map.of());
    try (payments) {
      Kubectl.Result refused =
          kubectl.apply(payments.name(), ArticleStory.pod("payment-processor", PAYMENT));

      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr()).isEqualTo(ArticleStory.refusal(WEBHOOK, payments, PAYMENT));

      story.uploadClearSignedAttestation("qa-chart", PAYMENT);

      await()
          .atMost(DECIDED)
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .apply(
                                  payments.name(), ArticleStory.pod("payment-processor", PAYMENT))
                              .stdout())
                      .isEqualTo("pod/payment-processor created\n"));
    }
  }

  @Test
  void keepsTheRenderedWebhookSettingsAndPatchesOnlyTheCaBundle() {
    ValidatingWebhook webhook = install.webhookConfiguration().getWebhooks().get(0);

    assertThat(webhook.getName()).isEqualTo(WEBHOOK);
    assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
    assertThat(webhook.getTimeoutSeconds()).isEqualTo(10);
    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getNamespaceSelector().getMatchExpressions().get(0).getValues())
        .containsExactly(NAMESPACE, "kube-system");
    assertThat(webhook.getClientConfig().getUrl())
        .isEqualTo("https://localhost:" + port + "/validate");
    assertThat(webhook.getClientConfig().getCaBundle()).isNotBlank();
  }

  @Test
  void admissionsKeepBeingDecidedWhileTheOperatorRotatesItsCertificate() {
    TestNamespace web = story.policyNamespace("web", "qa-rotation", Map.of());
    try (web) {
      Set<BigInteger> served = new LinkedHashSet<>();
      List<String> answers = new ArrayList<>();

      // Every poll opens a new connection to read the served certificate; none may fail, nor may
      // any admission the API server makes: a rotation swaps no SSL context in the server.
      await()
          .atMost(Duration.ofSeconds(150))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                served.add(ServedCertificate.serialNumber(port));
                answers.add(
                    kubectl
                        .apply(web.name(), ArticleStory.pod("during-rotation", UNATTESTED))
                        .stderr());
                return served.size() >= 3;
              });

      assertThat(answers).containsOnly(ArticleStory.refusal(WEBHOOK, web, UNATTESTED));
      // One reload per rotation: the server takes up each certificate the operator wrote once,
      // within a check of its files, and never reloads files that did not change.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                String log = operator.output();
                return occurrences(log, "Serving the new webhook certificate")
                    == occurrences(log, "Rotated the webhook certificate");
              });
    }
  }

  private static long occurrences(String log, String message) {
    return log.lines().filter(line -> line.contains(message)).count();
  }
}
