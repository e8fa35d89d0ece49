package io.dikast.operator.ha;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Leader election of the reconcilers through a coordination.k8s.io Lease. The Operator SDK
 * activates it in the prod profile only, and only when this is enabled.
 */
@ConfigMapping(prefix = "dikast.leader-election")
public interface LeaderElectionConfig {

  @WithDefault("false")
  boolean enabled();

  @WithDefault("dikast-operator-leader")
  String leaseName();

  /** Namespace of the Lease; the Kubernetes client's namespace when absent. */
  Optional<String> leaseNamespace();

  /**
   * This replica's name in the Lease: the pod name ({@code HOSTNAME}) by default, a random one per
   * process when that is unset. Every election the replica joins uses the same name.
   */
  Optional<String> identity();

  /** How long a lost leader keeps the Lease: the bound on moving reconciliation to a survivor. */
  @WithDefault("15s")
  Duration leaseDuration();

  @WithDefault("10s")
  Duration renewDeadline();

  @WithDefault("2s")
  Duration retryPeriod();
}
