package io.dikast.engine.policy;

import io.dikast.engine.image.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One image of a workload judged by one policy. */
record ImageUnderPolicy(String image, Policy policy) {

  boolean allowlisted() {
    return policy.allowlistPatterns().stream()
        .map(AllowlistPattern::compile)
        .anyMatch(pattern -> pattern.matches(image));
  }

  /** The image when it is pinned by a well-formed digest; empty for anything else. */
  Optional<ImageReference> pinned() {
    try {
      return Optional.of(ImageReference.parse(image)).filter(ImageReference::isDigestPinned);
    } catch (IllegalArgumentException notAnImageReference) {
      return Optional.empty();
    }
  }

  /** The attestations this policy needs for this image; none when allowlisted or unpinned. */
  List<AttestationCheck> requiredChecks() {
    if (allowlisted()) {
      return List.of();
    }
    return pinned()
        .map(
            pinned ->
                policy.authorityNames().stream()
                    .map(authority -> new AttestationCheck(authority, pinned))
                    .toList())
        .orElse(List.of());
  }

  /** Why the image fails the policy given the backend's facts, if it does. */
  Optional<Violation> violation(Map<AttestationCheck, AttestationFact> facts) {
    if (allowlisted()) {
      return Optional.empty();
    }
    Optional<ImageReference> pinned = pinned();
    if (pinned.isEmpty()) {
      return Optional.of(new Violation(image, policy, DecisionMessages.NOT_PINNED, false));
    }
    AttestationTally tally = new AttestationTally(policy, pinned.get(), facts);
    if (tally.satisfied()) {
      return Optional.empty();
    }
    if (tally.outageCouldSatisfy()) {
      String reason = DecisionMessages.backendUnavailable(tally.unavailable());
      return Optional.of(new Violation(image, policy, reason, true));
    }
    String reason = DecisionMessages.missingAttestations(policy, tally);
    return Optional.of(new Violation(image, policy, reason, false));
  }
}
