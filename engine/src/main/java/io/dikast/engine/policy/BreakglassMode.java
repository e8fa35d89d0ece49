package io.dikast.engine.policy;

/** Whether the break-glass annotation may bypass a policy's violations. */
public enum BreakglassMode {
  ALLOW,
  DENY
}
