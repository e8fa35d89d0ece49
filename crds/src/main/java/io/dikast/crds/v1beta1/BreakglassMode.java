package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the {@code kritis.grafeas.io/breakglass} annotation may bypass a policy. */
public enum BreakglassMode {
  @JsonProperty("Allow")
  ALLOW,
  @JsonProperty("Deny")
  DENY
}
