package io.dikast.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LeaseElectionsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  KubernetesClient client;

  @Test
  void aNewElectionAcquiresTheFreeLeaseUnderTheReplicasIdentity() {
    AtomicBoolean leading = new AtomicBoolean();
    LeaseElections elections =
        new LeaseElections(new LeaderElectionSettings(true), client, "dikast-operator-1");

    CompletableFuture<?> candidacy =
        elections.join(new LeaderCallbacks(() -> leading.set(true), () -> {}, holder -> {}));
    try {
      await().atMost(PATIENCE).untilTrue(leading);
      Lease lease =
          client
              .resources(Lease.class)
              .inNamespace("dikast-system")
              .withName("dikast-operator-leader")
              .get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("dikast-operator-1");
    } finally {
      candidacy.cancel(true);
    }
  }
}
