package io.dikast.operator.ha;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Fabric8's leader elector on the configured Lease, built as the Operator SDK builds its own. A
 * Fabric8 elector runs one election only, so each candidacy is a new elector: it retries acquiring
 * every retry period, renews until the renew deadline passes without success, and does not release
 * the Lease when cancelled, as the SDK's does not either.
 */
@ApplicationScoped
class LeaseElections implements Elections {

  private final LeaderElectionConfig config;
  private final KubernetesClient client;
  private final String identity;

  @Inject
  LeaseElections(LeaderElectionConfig config, KubernetesClient client) {
    this(config, client, config.identity().orElseGet(() -> UUID.randomUUID().toString()));
  }

  LeaseElections(LeaderElectionConfig config, KubernetesClient client, String identity) {
    this.config = config;
    this.client = client;
    this.identity = identity;
  }

  /** This replica's name in the Lease, the same in every election it joins. */
  String identity() {
    return identity;
  }

  @Override
  public CompletableFuture<?> join(LeaderCallbacks callbacks) {
    String namespace =
        config.leaseNamespace().orElseGet(() -> client.getConfiguration().getNamespace());
    return client
        .leaderElector()
        .withConfig(
            new LeaderElectionConfigBuilder()
                .withName(config.leaseName())
                .withLock(new LeaseLock(namespace, config.leaseName(), identity))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withLeaderCallbacks(callbacks)
                .withReleaseOnCancel(false)
                .build())
        .build()
        .start();
  }
}
