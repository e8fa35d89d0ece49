package io.dikast.verifier.attestation;

import io.dikast.engine.policy.AttestationFact;

/** The facts of checks that never reach Grafeas: their authority is missing or has no key. */
public final class AuthorityFacts {

  private AuthorityFacts() {}

  public static AttestationFact undefined(String authorityName, String namespace) {
    return new AttestationFact.NotVerified(
        "authority " + authorityName + " is not defined in namespace " + namespace);
  }

  /** An authority without noteReference or cosign: Kubernetes before 1.25 does not refuse one. */
  public static AttestationFact withoutSource(String authorityName) {
    return new AttestationFact.NotVerified(
        "authority " + authorityName + " names no noteReference and no cosign source");
  }

  /** Build provenance is read only from Grafeas, under the authority's note. */
  public static AttestationFact withoutNote(String authorityName) {
    return new AttestationFact.NotVerified(
        "authority " + authorityName + " names no noteReference to read build provenance under");
  }

  /**
   * @param ready whether the authority's status is ready; one that is not says so first
   */
  public static AttestationFact withoutKeys(String authorityName, boolean ready) {
    return new AttestationFact.NotVerified(
        "authority "
            + authorityName
            + (ready ? "" : " is not ready: it")
            + " has no valid public key");
  }
}
