package io.dikast.engine.policy;

/** Whether a policy's violations deny admission or are only reported as warnings. */
public enum EnforcementMode {
  ENFORCE,
  DRY_RUN
}
