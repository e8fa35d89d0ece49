package io.dikast.engine.policy;

import io.dikast.engine.attestation.SlsaProvenance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The backend's answer to one {@link AttestationCheck}. Only {@link Verified} counts towards a
 * policy; a check with no answer at all is treated as {@link Unavailable}.
 */
public sealed interface AttestationFact {

  /**
   * A valid attestation exists, signed by the authority's key {@code keyId}.
   *
   * @param provenance for a provenance check, what every verified statement says about the build:
   *     the evidence, never a verdict, so the current policy's patterns judge it at each decision;
   *     empty for an attestation check
   */
  record Verified(String keyId, List<SlsaProvenance> provenance) implements AttestationFact {
    public Verified {
      Objects.requireNonNull(keyId, "keyId");
      provenance = List.copyOf(provenance);
    }

    /** A verified attestation, which carries no provenance. */
    public Verified(String keyId) {
      this(keyId, List.of());
    }
  }

  /** The backend answered and no valid attestation exists; {@code reason} says what was wrong. */
  record NotVerified(String reason) implements AttestationFact {
    public NotVerified {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The backend could not answer (outage, timeout); {@code reason} names the outage.
   *
   * @param lastVerified the verification the edge kept from before the outage, if any; it counts
   *     only for a policy with {@link BackendUnavailableMode#USE_CACHED_FACTS} and within its
   *     {@link Policy#cachedFactsMaxAge()}
   */
  record Unavailable(String reason, Optional<LastVerified> lastVerified)
      implements AttestationFact {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(lastVerified, "lastVerified");
    }

    /** An outage with nothing known from before it. */
    public Unavailable(String reason) {
      this(reason, Optional.empty());
    }

    public Unavailable withLastVerified(LastVerified verified) {
      return new Unavailable(reason, Optional.of(verified));
    }
  }
}
