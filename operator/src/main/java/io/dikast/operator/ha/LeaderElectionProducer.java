package io.dikast.operator.ha;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The Operator SDK looks this bean up at startup; without it (null) every replica reconciles. The
 * SDK runs the first election under the identity {@link LeaseElections} uses for the later ones;
 * its own exit on losing the Lease is off: {@link Leadership} handles the loss.
 */
@Dependent
public class LeaderElectionProducer {

  @Produces
  @Dependent
  @Unremovable
  LeaderElectionConfiguration leaderElection(
      LeaderElectionConfig config, Leadership leadership, LeaseElections elections) {
    if (!config.enabled()) {
      return null;
    }
    return new LeaderElectionConfiguration(
        config.leaseName(),
        config.leaseNamespace().orElse(null),
        config.leaseDuration(),
        config.renewDeadline(),
        config.retryPeriod(),
        elections.identity(),
        leadership.firstElection(),
        false);
  }
}
