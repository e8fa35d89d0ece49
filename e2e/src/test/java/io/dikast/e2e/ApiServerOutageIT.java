package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API server unreachable from the operator while the operator runs (issue #9): the operator
 * reaches it through a {@link TcpBalancer} that is cut, then restored. The API server itself stays
 * up and keeps calling the webhook, as when the operator's node loses the control plane or the API
 * server is replaced behind a load balancer that still routes admissions.
 *
 * <p>The operator runs without leader election, as the chart runs a single replica; {@link
 * LeaderLossIT} cuts two replicas with it on.
 */
@ExtendWith(ClusterExtension.class)
class ApiServerOutageIT {

  private static final String WEBHOOK = "images.dikast.io";
  private static final String UNATTESTED =
      "gcr.io/hightowerlabs/nginx@sha256:"
          + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** The operator's dikast.admission.budget default: every answer must come within it. */
  private static final Duration BUDGET = Duration.ofSeconds(8);

  /**
   * Longer than everything the operator's Fabric8 client does on its own before a call fails: its
   * 10 s connect and request timeouts and its retries of one request (10, 100 ms apart doubling up
   * to 3.2 s, about 19 s). So at least one status write fails outright and Dikast's own re-queue,
   * not the client, has to carry the observations; and the informers' watches have gone through
   * their 1, 2, 4, 8 and 16 s reconnect attempts, all refused, while the webhook keeps answering.
   */
  private static final Duration OUTAGE = Duration.ofSeconds(25);

  /** The next watch reconnect (at most 32 s after the last refused one) with room for a relist. */
  private static final Duration RECOVERED = Duration.ofSeconds(60);

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static TcpBalancer apiServerLink;
  private static LocalOperator local;
  private static ArticleStory story;
  private static TestNamespace payments;

  @BeforeAll
  static void startTheOperatorBehindACuttableLink(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    apiServerLink = TcpBalancer.start(List.of(cluster.apiServer().getPort()));
    local =
        LocalOperator.start(
            cluster,
            "dikast-outage",
            Map.of(),
            URI.create("https://127.0.0.1:" + apiServerLink.port()));
    story = ArticleStory.start(cluster, local.grafeas());
    payments = story.policyNamespace("outage", "qa-outage", WebhookRegistration.CHECKED);
    story.uploadClearSignedAttestation("qa-outage", ArticleStory.PAYMENT);
  }

  @AfterAll
  static void stopAll() {
    Closeables.closeAll(payments, local, apiServerLink, story);
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void webhookAnswersFromItsLastPolicySetWhileCutAndStatusAndPoliciesCatchUpAfterwards() {
    await()
        .atMost(ArticleStory.DECIDED)
        .untilAsserted(() -> assertAdmitted(payments, "attested-before"));
    assertRefused(payments, "unattested-before");
    await().atMost(ArticleStory.DECIDED).until(() -> status("denials.count").equals("1"));

    apiServerLink.cut();
    long cut = System.nanoTime();
    assertAdmittedUnderBreakglass(payments, "hotfix");
    int refusals = 0;
    for (int round = 0; Duration.ofNanos(System.nanoTime() - cut).compareTo(OUTAGE) < 0; round++) {
      assertAdmitted(payments, "attested-" + round);
      assertRefused(payments, "unattested-" + round);
      refusals++;
    }
    assertThat(local.operatorAlive()).as("the operator process is still running").isTrue();
    // Nothing reached the API server from the operator: the cut is real.
    assertThat(status("denials.count")).isEqualTo("1");
    assertThat(status("lastBreakglass.count")).isEmpty();
    apiServerLink.restore();

    String denialsSinceStart = String.valueOf(1 + refusals);
    await()
        .atMost(RECOVERED)
        .untilAsserted(
            () -> {
              assertThat(status("denials.count")).isEqualTo(denialsSinceStart);
              assertThat(status("lastBreakglass.count")).isEqualTo("1");
              assertThat(breakglassEvents()).hasSize(1);
            });
    try (TestNamespace afterwards =
        story.policyNamespace("after-outage", "qa-after-outage", WebhookRegistration.CHECKED)) {
      assertRefused(afterwards, "unattested-after");
    }
    assertThat(local.operatorAlive()).as("the operator process is still running").isTrue();
  }

  private static void assertAdmitted(TestNamespace namespace, String name) {
    Kubectl.Result admitted = timedApply(namespace, ArticleStory.pod(name, ArticleStory.PAYMENT));
    assertThat(admitted.stderr()).isEmpty();
    assertThat(admitted.stdout()).isEqualTo("pod/" + name + " created\n");
  }

  private static void assertRefused(TestNamespace namespace, String name) {
    Kubectl.Result refused = timedApply(namespace, ArticleStory.pod(name, UNATTESTED));
    assertThat(refused.stderr()).isEqualTo(ArticleStory.refusal(WEBHOOK, namespace, UNATTESTED));
  }

  private static void assertAdmittedUnderBreakglass(TestNamespace namespace, String name) {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          annotations:
            kritis.grafeas.io/breakglass: "true"
        spec:
          containers:
          - name: %s
            image: %s
        """
            .formatted(name, name, UNATTESTED);
    Kubectl.Result admitted = timedApply(namespace, pod);
    assertThat(admitted.stdout()).isEqualTo("pod/" + name + " created\n");
    assertThat(admitted.stderr()).startsWith("Warning: image " + UNATTESTED + " admitted under");
  }

  /**
   * The apply, whose whole round trip (kubectl's GET, the API server's call of the webhook, the
   * POST) bounds the webhook's answer from above.
   */
  private static Kubectl.Result timedApply(TestNamespace namespace, String manifest) {
    long start = System.nanoTime();
    Kubectl.Result result = kubectl.apply(namespace.name(), manifest);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("answered within the webhook budget")
        .isLessThan(BUDGET);
    return result;
  }

  /** A field of the qa-only policy's status, as the admin reads it directly; empty when unset. */
  private static String status(String path) {
    return kubectl
        .run("get", "-n", payments.name(), "isp/qa-only", "-o", "jsonpath={.status." + path + "}")
        .stdout();
  }

  private static List<String> breakglassEvents() {
    return kubectl
        .run(
            "get",
            "events",
            "-n",
            payments.name(),
            "--field-selector",
            "reason=BreakglassAdmission",
            "-o",
            "name")
        .stdout()
        .lines()
        .toList();
  }
}
