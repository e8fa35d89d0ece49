package io.dikast.engine.policy;

import io.dikast.engine.image.ImageReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts one policy's authorities have about one pinned image, in the policy's authority order.
 * A missing fact is {@code Unavailable("not checked")}: nothing unanswered ever counts as verified.
 */
final class AttestationTally {

  static final AttestationFact NOT_CHECKED = new AttestationFact.Unavailable("not checked");

  private final Policy policy;
  private final Map<String, AttestationFact> factsByAuthority = new LinkedHashMap<>();

  AttestationTally(
      Policy policy, ImageReference image, Map<AttestationCheck, AttestationFact> facts) {
    this.policy = policy;
    for (String authority : policy.authorityNames()) {
      AttestationFact fact = facts.get(new AttestationCheck(authority, image));
      factsByAuthority.put(authority, fact == null ? NOT_CHECKED : fact);
    }
  }

  boolean satisfied() {
    return verifiedCount() >= policy.requiredCount();
  }

  /** Whether the policy passes once the attestations it accepts from before an outage count too. */
  boolean satisfiedWithCachedFacts() {
    return verifiedCount() + acceptedCachedFacts().size() >= policy.requiredCount();
  }

  /**
   * The last verifications of the unanswered checks that the policy accepts, by authority in policy
   * order; none unless the policy says {@code onBackendUnavailable: UseCachedFacts}.
   */
  Map<String, LastVerified> acceptedCachedFacts() {
    Map<String, LastVerified> accepted = new LinkedHashMap<>();
    factsByAuthority.forEach(
        (authority, fact) -> {
          if (fact instanceof AttestationFact.Unavailable outage) {
            outage
                .lastVerified()
                .filter(policy::acceptsCachedFact)
                .ifPresent(verified -> accepted.put(authority, verified));
          }
        });
    return accepted;
  }

  /** Whether the unanswered checks, had they been verified, would have made the policy pass. */
  boolean outageCouldSatisfy() {
    return verifiedCount() + unavailable().size() >= policy.requiredCount();
  }

  long verifiedCount() {
    return factsByAuthority.values().stream()
        .filter(AttestationFact.Verified.class::isInstance)
        .count();
  }

  /** The authorities without a valid attestation, in policy order. */
  List<String> missing() {
    return factsByAuthority.entrySet().stream()
        .filter(entry -> !(entry.getValue() instanceof AttestationFact.Verified))
        .map(Map.Entry::getKey)
        .toList();
  }

  Map<String, AttestationFact> factsOf(List<String> authorities) {
    Map<String, AttestationFact> selected = new LinkedHashMap<>();
    authorities.forEach(authority -> selected.put(authority, factsByAuthority.get(authority)));
    return selected;
  }

  List<AttestationFact.Unavailable> unavailable() {
    return factsByAuthority.values().stream()
        .filter(AttestationFact.Unavailable.class::isInstance)
        .map(AttestationFact.Unavailable.class::cast)
        .toList();
  }
}
