package io.dikast.operator.policyset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where ClusterImageSecurityPolicies find the authorities they name. */
@ConfigMapping(prefix = "dikast.cluster-policies")
public interface ClusterPolicyConfig {

  /**
   * The operator's own namespace, which the webhook never checks and only cluster administrators
   * write to (the chart sets it to the release namespace). It is also never selected.
   */
  @WithDefault("dikast-system")
  String authorityNamespace();
}
