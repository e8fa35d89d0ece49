package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a policy's violations deny admission or only warn. */
public enum EnforcementMode {
  @JsonProperty("Enforce")
  ENFORCE,
  @JsonProperty("DryRun")
  DRY_RUN
}
