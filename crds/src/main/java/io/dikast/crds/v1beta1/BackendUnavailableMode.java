package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a policy decides when Grafeas cannot answer in time: fail closed (Deny), open (Allow), or on
 * attestations verified before the outage (UseCachedFacts).
 */
public enum BackendUnavailableMode {
  @JsonProperty("Deny")
  DENY,
  @JsonProperty("Allow")
  ALLOW,
  @JsonProperty("UseCachedFacts")
  USE_CACHED_FACTS
}
