package io.dikast.e2e;

import static io.dikast.e2e.ArticleStory.DECIDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.fabric8.kubernetes.api.model.GroupVersionKindBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas of the chart's operator with leader election on (a 6 s lease, as in {@link
 * FailoverIT}) reach the API server through a {@link TcpBalancer} that is cut for a minute: far
 * longer than the leader's renew deadline, so it loses the Lease while the API server keeps calling
 * the webhook. Both replicas must keep deciding admissions from their own policy sets, neither may
 * exit, and once the link is back exactly one of them leads and reconciles again.
 */
@ExtendWith(ClusterExtension.class)
class LeaderLossIT {

  private static final String RELEASE = "dikast-leader-loss";
  private static final String NAMESPACE = "dikast-leader-loss-system";
  private static final String LEASE = RELEASE + "-operator-leader";
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  /** The operator's dikast.admission.budget default: every answer must come within it. */
  private static final Duration BUDGET = Duration.ofSeconds(8);

  /** The informers' next watch reconnect (at most 32 s apart) with room for a relist. */
  private static final Duration RECOVERED = Duration.ofSeconds(60);

  private static final String UNATTESTED =
      "gcr.io/hightowerlabs/nginx@sha256:"
          + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static TestCluster cluster;
  private static GrafeasServerProcess grafeas;
  private static TcpBalancer apiServerLink;
  private static TcpBalancer webhook;
  private static ChartInstall install;
  private static ArticleStory story;
  private static final Map<String, OperatorProcess> replicas = new LinkedHashMap<>();

  @BeforeAll
  static void startTwoReplicasBehindACuttableLink(TestCluster testCluster) {
    cluster = testCluster;
    grafeas =
        GrafeasServerProcess.of(SuiteSettings.fromEnvironment().grafeasJar())
            .in(cluster.workDir())
            .start();
    RenderedChart chart = RenderedChart.render(RELEASE, NAMESPACE, Map.of());
    List<Integer> ports = List.of(WebhookEndpoint.freePort(), WebhookEndpoint.freePort());
    webhook = TcpBalancer.start(ports);
    install =
        ChartInstall.apply(cluster, chart, "https://localhost:" + webhook.port() + "/validate");
    story = ArticleStory.start(cluster, grafeas);
    apiServerLink = TcpBalancer.start(List.of(cluster.apiServer().getPort()));
    URI link = URI.create("https://127.0.0.1:" + apiServerLink.port());
    for (int i = 0; i < ports.size(); i++) {
      String hostname = RELEASE + "-operator-" + i;
      Map<String, String> environment =
          new HashMap<>(ChartInstallIT.localReplica(grafeas, hostname));
      environment.put("DIKAST_LEADER_ELECTION_LEASE_DURATION", "6s");
      environment.put("DIKAST_LEADER_ELECTION_RENEW_DEADLINE", "4s");
      environment.put("DIKAST_LEADER_ELECTION_RETRY_PERIOD", "1s");
      replicas.put(
          hostname,
          ChartOperator.start(
              chart,
              install.operatorKubeconfig(link),
              cluster.workDir(),
              cluster.workDir().resolve("leader-loss-tls-" + i),
              ports.get(i),
              environment,
              ChartInstallIT.testTimings()));
    }
  }

  @AfterAll
  static void stopAll() {
    replicas.values().forEach(OperatorProcess::close);
    Closeables.closeAll(install, webhook, apiServerLink, grafeas, story);
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void bothReplicasKeepDecidingWhileTheLeaderLosesTheLeaseAndOneLeadsAgainAfterwards() {
    TestNamespace payments = story.policyNamespace("leader-loss", "qa-leader-loss", Map.of());
    try (payments) {
      story.uploadClearSignedAttestation("qa-leader-loss", ArticleStory.PAYMENT);
      await()
          .atMost(DECIDED)
          .ignoreExceptions()
          .untilAsserted(() -> replicas.values().forEach(r -> assertDecides(r, payments)));
      String leader =
          await().atMost(DECIDED).until(LeaderLossIT::leaseHolder, replicas::containsKey);

      apiServerLink.cut();
      long cut = System.nanoTime();
      int rounds = 0;
      while (Duration.ofNanos(System.nanoTime() - cut).compareTo(OUTAGE) < 0) {
        replicas.values().forEach(replica -> assertDecides(replica, payments));
        rounds++;
      }
      assertThat(rounds).isGreaterThan(1);
      replicas.forEach(
          (name, replica) -> assertThat(replica.isAlive()).as(name + " is running").isTrue());
      assertThat(replicas.get(leader).output())
          .as("the leader noticed the loss")
          .contains("Lost the leader Lease");
      apiServerLink.restore();

      String next =
          await()
              .atMost(RECOVERED)
              .until(LeaderLossIT::leaseHolder, holder -> leaders().equals(List.of(holder)));
      try (TestNamespace afterwards =
          story.policyNamespace("after-leader-loss", "qa-after-leader-loss", Map.of())) {
        assertThat(leaders()).containsExactly(next);
        assertThat(leaseHolder()).isEqualTo(next);
      }
      for (OperatorProcess replica : replicas.values()) {
        await().atMost(RECOVERED).ignoreExceptions().until(replica::readinessStatus, s -> s == 200);
        assertThat(replica.isAlive()).isTrue();
      }
    }
  }

  /** Attested → allowed, unattested → denied with the policy's reason, each within the budget. */
  private static void assertDecides(OperatorProcess replica, TestNamespace namespace) {
    assertThat(timedReview(replica, namespace, ArticleStory.PAYMENT).getAllowed()).isTrue();
    AdmissionResponse denied = timedReview(replica, namespace, UNATTESTED);
    assertThat(denied.getAllowed()).isFalse();
    assertThat(denied.getStatus().getMessage())
        .isEqualTo(ArticleStory.denial(namespace, UNATTESTED));
  }

  private static AdmissionResponse timedReview(
      OperatorProcess replica, TestNamespace namespace, String image) {
    long start = System.nanoTime();
    AdmissionResponse response;
    try {
      response = replica.review(podCreation(namespace, image), BUDGET).getResponse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for a review", e);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("answered within the webhook budget")
        .isLessThan(BUDGET);
    return response;
  }

  private static AdmissionReview podCreation(TestNamespace namespace, String image) {
    String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace.name())
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage(image)
            .endContainer()
            .endSpec()
            .build();
    return new AdmissionReviewBuilder()
        .withApiVersion("admission.k8s.io/v1")
        .withKind("AdmissionReview")
        .withNewRequest()
        .withUid(UUID.randomUUID().toString())
        .withKind(
            new GroupVersionKindBuilder().withGroup("").withVersion("v1").withKind("Pod").build())
        .withResource(
            new GroupVersionResourceBuilder()
                .withGroup("")
                .withVersion("v1")
                .withResource("pods")
                .build())
        .withNamespace(namespace.name())
        .withName(name)
        .withOperation("CREATE")
        .withObject(pod)
        .withNewUserInfo()
        .withUsername("alice@example.com")
        .endUserInfo()
        .endRequest()
        .build();
  }

  /** The replicas whose own log says they hold the Lease now: the last word on it was a win. */
  private static List<String> leaders() {
    return replicas.entrySet().stream()
        .filter(
            entry -> {
              String log = entry.getValue().output();
              return log.lastIndexOf("Acquired the leader Lease")
                  > log.lastIndexOf("Lost the leader Lease");
            })
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String leaseHolder() {
    Lease lease =
        cluster.admin().resources(Lease.class).inNamespace(NAMESPACE).withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
