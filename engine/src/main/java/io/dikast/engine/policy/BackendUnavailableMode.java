package io.dikast.engine.policy;

/**
 * What a policy decides when the attestation backend cannot answer in time: fail closed or open.
 */
public enum BackendUnavailableMode {
  DENY,
  ALLOW
}
