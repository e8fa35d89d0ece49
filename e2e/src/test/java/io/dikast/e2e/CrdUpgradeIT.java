package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code helm upgrade} installs no new CRD: the operator of this version started where the
 * ClusterImageSecurityPolicy CRD is missing must never become ready (so a rolling update stalls
 * while the previous replicas serve), say which resource is missing, and start once the CRDs are
 * applied.
 */
@ExtendWith(ClusterExtension.class)
class CrdUpgradeIT {

  private static final String CRD = "clusterimagesecuritypolicies.kritis.grafeas.io";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void anOperatorMissingItsNewCrdStopsSaysWhyAndStartsOnceItIsApplied(TestCluster cluster)
      throws Exception {
    KubernetesClient admin = cluster.admin();
    CustomResourceDefinition crd =
        admin.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
    admin.resource(crd).delete();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                admin.apiextensions().v1().customResourceDefinitions().withName(CRD).get() == null);
    OperatorServiceAccount.install(admin);
    try {
      try (OperatorProcess operator = launch(cluster)) {
        // It never serves admissions: it stops at startup, as a pod would, and says why.
        await().atMost(PATIENCE).until(() -> !operator.isAlive());
        assertThat(operator.output())
            .contains(
                "Couldn't start informer for clusterimagesecuritypolicies.kritis.grafeas.io/v1beta1"
                    + " resources")
            .contains("clusterimagesecuritypolicies?resourceVersion=0. Message: Not Found.");
      }

      KritisCrds.install(admin);

      // The pod's next restart, once the CRDs of this version are applied.
      try (OperatorProcess restarted = launch(cluster)) {
        restarted.awaitReady();
      }
    } finally {
      KritisCrds.install(admin);
    }
  }

  private static OperatorProcess launch(TestCluster cluster) {
    return OperatorProcess.launch(
        SuiteSettings.fromEnvironment().operatorJar(),
        OperatorServiceAccount.kubeconfig(cluster),
        cluster.workDir(),
        WebhookEndpoint.create(cluster.workDir()),
        Map.of());
  }
}
