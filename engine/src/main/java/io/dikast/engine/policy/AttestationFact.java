package io.dikast.engine.policy;

import java.util.Objects;

/**
 * The backend's answer to one {@link AttestationCheck}. Only {@link Verified} counts towards a
 * policy; a check with no answer at all is treated as {@link Unavailable}.
 */
public sealed interface AttestationFact {

  /** A valid attestation exists, signed by the authority's key {@code keyId}. */
  record Verified(String keyId) implements AttestationFact {
    public Verified {
      Objects.requireNonNull(keyId, "keyId");
    }
  }

  /** The backend answered and no valid attestation exists; {@code reason} says what was wrong. */
  record NotVerified(String reason) implements AttestationFact {
    public NotVerified {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The backend could not answer (outage, timeout); {@code reason} names the outage. */
  record Unavailable(String reason) implements AttestationFact {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
