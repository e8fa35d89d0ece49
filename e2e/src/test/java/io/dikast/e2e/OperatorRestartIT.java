package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator killed mid-run catches up from the API server when it starts again. */
@ExtendWith(ClusterExtension.class)
class OperatorRestartIT {

  private static final Duration RECONCILED = Duration.ofSeconds(60);

  private static TestCluster cluster;
  private static TestNamespace namespace;
  private static Kubectl kubectl;
  private static Path operatorKubeconfig;
  private static Path operatorJar;

  @BeforeAll
  static void createNamespace(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    namespace = TestNamespace.create(cluster.admin(), "restart");
    OperatorServiceAccount.install(cluster.admin());
    operatorKubeconfig = OperatorServiceAccount.kubeconfig(cluster);
    operatorJar = SuiteSettings.fromEnvironment().operatorJar();
  }

  @AfterAll
  static void deleteNamespace() {
    namespace.close();
  }

  @Test
  void policyBecomesReadyForAnAuthorityCreatedWhileTheOperatorWasDown() {
    try (OperatorProcess operator = startOperator()) {
      apply("manifests/image-security-policy.yaml");
      await()
          .atMost(RECONCILED)
          .until(() -> readiness("isp/qa-only").equals("False AuthorityNotFound"));
      operator.kill();
    }

    PgpAuthorityKey key = PgpAuthorityKey.generate();
    assertThat(kubectl.apply(namespace.name(), key.authorityManifest()).succeeded()).isTrue();
    assertThat(readiness("isp/qa-only")).isEqualTo("False AuthorityNotFound");
    assertThat(readiness("aa/qa-attestor")).isEqualTo(" ");

    try (OperatorProcess restarted = startOperator()) {
      await()
          .atMost(RECONCILED)
          .untilAsserted(
              () -> {
                assertThat(readiness("aa/qa-attestor")).isEqualTo("True KeysValid");
                assertThat(readiness("isp/qa-only")).isEqualTo("True AuthoritiesReady");
              });
    }
  }

  private static OperatorProcess startOperator() {
    return OperatorProcess.start(operatorJar, operatorKubeconfig, cluster.workDir());
  }

  private static void apply(String resource) {
    assertThat(kubectl.apply(namespace.name(), Manifests.read(resource)).stderr()).isEmpty();
  }

  private static String readiness(String resource) {
    return kubectl.readyCondition(namespace.name(), resource);
  }
}
