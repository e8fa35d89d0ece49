package io.dikast.engine.policy;

/** What a policy decides when the attestation backend cannot answer in time. */
public enum BackendUnavailableMode {
  /** Fail closed: the outage denies. */
  DENY,
  /** Fail open: the outage admits, with a warning. */
  ALLOW,
  /**
   * Count attestations the backend verified before the outage, no older than the policy's {@link
   * Policy#cachedFactsMaxAge()}, with a warning; without them the outage denies.
   */
  USE_CACHED_FACTS
}
