package io.dikast.operator.ha;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The Operator SDK looks this bean up at startup; without it (null) every replica reconciles. The
 * SDK's own exit on losing the Lease is off: {@link Leadership} exits, except during shutdown.
 */
@Dependent
public class LeaderElectionProducer {

  @Produces
  @Dependent
  @Unremovable
  LeaderElectionConfiguration leaderElection(LeaderElectionConfig config, Leadership leadership) {
    if (!config.enabled()) {
      return null;
    }
    return new LeaderElectionConfiguration(
        config.leaseName(),
        config.leaseNamespace().orElse(null),
        config.leaseDuration(),
        config.renewDeadline(),
        config.retryPeriod(),
        null,
        new LeaderCallbacks(leadership::startedLeading, leadership::stoppedLeading, identity -> {}),
        false);
  }
}
