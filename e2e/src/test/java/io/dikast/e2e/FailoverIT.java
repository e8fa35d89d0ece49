package io.dikast.e2e;

import static io.dikast.e2e.ArticleStory.DECIDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas of the chart's operator with leader election on, behind a {@link TcpBalancer} in
 * place of the Service. Killing a replica must not stop admissions; killing the leader must move
 * reconciliation to the survivor within the lease time. Lease times are short so that fits a test.
 */
@ExtendWith(ClusterExtension.class)
class FailoverIT {

  private static final String RELEASE = "dikast-failover";
  private static final String NAMESPACE = "dikast-failover-system";
  private static final String LEASE = RELEASE + "-operator-leader";
  private static final Duration LEASE_DURATION = Duration.ofSeconds(6);
  private static final Duration MARGIN = Duration.ofSeconds(20);

  /** The chart's operator.shutdownDelaySeconds default, rendered as QUARKUS_SHUTDOWN_DELAY. */
  private static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(5);

  private static final String UNATTESTED =
      "gcr.io/hightowerlabs/nginx@sha256:"
          + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static GrafeasServerProcess grafeas;
  private static RenderedChart chart;
  private static ChartInstall install;
  private static ArticleStory story;
  private static List<Integer> ports;
  private static TcpBalancer balancer;

  private final Map<String, OperatorProcess> replicas = new LinkedHashMap<>();

  @BeforeAll
  static void installTheChartBehindABalancer(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    grafeas =
        GrafeasServerProcess.of(SuiteSettings.fromEnvironment().grafeasJar())
            .in(cluster.workDir())
            .start();
    chart = RenderedChart.render(RELEASE, NAMESPACE, Map.of());
    ports = List.of(WebhookEndpoint.freePort(), WebhookEndpoint.freePort());
    balancer = TcpBalancer.start(ports);
    install =
        ChartInstall.apply(cluster, chart, "https://localhost:" + balancer.port() + "/validate");
    story = ArticleStory.start(cluster, grafeas);
  }

  @AfterAll
  static void uninstall() {
    Closeables.closeAll(install, balancer, grafeas, story);
  }

  @BeforeEach
  void startTwoReplicas() {
    for (int i = 0; i < ports.size(); i++) {
      String hostname = RELEASE + "-operator-" + i;
      Map<String, String> environment =
          new HashMap<>(ChartInstallIT.localReplica(grafeas, hostname));
      environment.put("DIKAST_LEADER_ELECTION_LEASE_DURATION", LEASE_DURATION.toSeconds() + "s");
      environment.put("DIKAST_LEADER_ELECTION_RENEW_DEADLINE", "4s");
      environment.put("DIKAST_LEADER_ELECTION_RETRY_PERIOD", "1s");
      replicas.put(
          hostname,
          ChartOperator.start(
              chart,
              install.operatorKubeconfig(),
              cluster.workDir(),
              cluster.workDir().resolve("failover-tls-" + i),
              ports.get(i),
              environment,
              ChartInstallIT.testTimings()));
    }
  }

  @AfterEach
  void stopReplicas() {
    replicas.values().forEach(OperatorProcess::close);
  }

  @Test
  void admissionsContinueOnTheSurvivorWhenAReplicaIsKilled() {
    TestNamespace payments = story.policyNamespace("failover", "qa-failover", Map.of());
    try (payments) {
      String refusal = ArticleStory.refusal(ChartInstallIT.WEBHOOK, payments, UNATTESTED);
      assertThat(kubectl.apply(payments.name(), ArticleStory.pod("app", UNATTESTED)).stderr())
          .isEqualTo(refusal);

      replicas.values().iterator().next().kill();

      // Round robin sends every other connection to the killed replica first.
      for (int i = 0; i < 4; i++) {
        assertThat(kubectl.apply(payments.name(), ArticleStory.pod("app", UNATTESTED)).stderr())
            .isEqualTo(refusal);
      }
    }
  }

  @Test
  void reconciliationMovesToTheSurvivorWithinTheLeaseTimeWhenTheLeaderIsKilled() {
    String leader = await().atMost(DECIDED).until(FailoverIT::leaseHolder, replicas::containsKey);

    replicas.get(leader).kill();
    long killed = System.nanoTime();
    TestNamespace afterwards = story.policyNamespace("reconciled", "qa-reconciled", Map.of());
    Duration moved = Duration.ofNanos(System.nanoTime() - killed);

    try (afterwards) {
      assertThat(moved).isLessThan(LEASE_DURATION.plus(MARGIN));
      assertThat(leaseHolder()).isNotEqualTo(leader).isIn(replicas.keySet());
    }
  }

  @Test
  void aStoppingReplicaReportsUnreadyWhileItStillServesThenEnds() throws Exception {
    OperatorProcess stopping = replicas.values().iterator().next();

    stopping.terminate();

    // The answer itself shows the HTTPS server still serving while readiness is already down.
    await()
        .atMost(SHUTDOWN_DELAY)
        .pollInterval(Duration.ofMillis(200))
        .until(stopping::readinessStatus, status -> status == 503);
    assertThat(stopping.isAlive()).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> !stopping.isAlive());
  }

  private static String leaseHolder() {
    Lease lease =
        cluster.admin().resources(Lease.class).inNamespace(NAMESPACE).withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
