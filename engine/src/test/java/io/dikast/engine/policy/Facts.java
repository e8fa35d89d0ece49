package io.dikast.engine.policy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Attestation facts for tests, as the backend would report them. */
final class Facts {

  private final Map<AttestationCheck, AttestationFact> facts = new LinkedHashMap<>();

  static Facts none() {
    return new Facts();
  }

  Facts verified(String authority, String image) {
    facts.put(
        AttestationCheck.of(authority, image), new AttestationFact.Verified(authority + "-key"));
    return this;
  }

  Facts notVerified(String authority, String image, String reason) {
    facts.put(AttestationCheck.of(authority, image), new AttestationFact.NotVerified(reason));
    return this;
  }

  Facts unavailable(String authority, String image, String reason) {
    facts.put(AttestationCheck.of(authority, image), new AttestationFact.Unavailable(reason));
    return this;
  }

  /**
   * An outage of a check whose attestation by {@code authority-key} was verified {@code age} ago.
   */
  Facts unavailableAfterVerifying(String authority, String image, String reason, Duration age) {
    facts.put(
        AttestationCheck.of(authority, image),
        new AttestationFact.Unavailable(reason)
            .withLastVerified(new LastVerified(authority + "-key", age)));
    return this;
  }

  Map<AttestationCheck, AttestationFact> map() {
    return facts;
  }
}
