package io.dikast.verifier.attestation;

import io.dikast.engine.policy.AttestationFact;
import java.util.Optional;

/**
 * The fact of an authority that keeps signatures in two places, a Grafeas note and a registry: a
 * valid signature in either counts. Fails closed: when neither verifies and either could not be
 * asked, the outage is the answer, since the missing answer might have been the signature.
 */
public final class EitherSource {

  private EitherSource() {}

  /**
   * The fact of an authority from the answers of the places it keeps signatures in; an authority
   * with neither cannot verify anything.
   */
  public static AttestationFact of(
      Optional<AttestationFact> grafeas, Optional<AttestationFact> cosign, String authorityName) {
    if (grafeas.isPresent() && cosign.isPresent()) {
      return combine(grafeas.get(), cosign.get());
    }
    return grafeas.or(() -> cosign).orElseGet(() -> AuthorityFacts.withoutSource(authorityName));
  }

  public static AttestationFact combine(AttestationFact grafeas, AttestationFact cosign) {
    if (grafeas instanceof AttestationFact.Verified) {
      return grafeas;
    }
    if (cosign instanceof AttestationFact.Verified) {
      return cosign;
    }
    String reasons = reason(grafeas) + "; " + reason(cosign);
    return grafeas instanceof AttestationFact.Unavailable
            || cosign instanceof AttestationFact.Unavailable
        ? new AttestationFact.Unavailable(reasons)
        : new AttestationFact.NotVerified(reasons);
  }

  private static String reason(AttestationFact fact) {
    if (fact instanceof AttestationFact.NotVerified notVerified) {
      return notVerified.reason();
    }
    if (fact instanceof AttestationFact.Unavailable unavailable) {
      return unavailable.reason();
    }
    throw new IllegalArgumentException("a verified fact has no reason: " + fact);
  }
}
