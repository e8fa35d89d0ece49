package io.dikast.engine.policy;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.vulnerability.Vulnerability;
import io.dikast.engine.vulnerability.VulnerabilityEvaluator;
import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One image of a workload judged by one policy. */
record ImageUnderPolicy(String image, Policy policy) {

  private static final VulnerabilityFact NOT_CHECKED =
      new VulnerabilityFact.Unavailable("not checked");

  private static final VulnerabilityEvaluator VULNERABILITIES = new VulnerabilityEvaluator();

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

  /**
   * The vulnerability findings this policy needs for this image: none when allowlisted, unpinned,
   * or when the policy's requirements tolerate every vulnerability anyway.
   */
  Optional<VulnerabilityCheck> requiredVulnerabilityCheck() {
    if (allowlisted() || vulnerabilityRequirements().isEmpty()) {
      return Optional.empty();
    }
    return pinned().map(VulnerabilityCheck::new);
  }

  /** Why the image fails the policy given the backend's facts, if it does. */
  Optional<Violation> violation(
      Map<AttestationCheck, AttestationFact> attestations,
      Map<VulnerabilityCheck, VulnerabilityFact> vulnerabilities) {
    if (allowlisted()) {
      return Optional.empty();
    }
    Optional<ImageReference> pinned = pinned();
    if (pinned.isEmpty()) {
      return Optional.of(new Violation(image, policy, DecisionMessages.NOT_PINNED, false));
    }
    List<Shortfall> shortfalls =
        Stream.of(
                attestationShortfall(pinned.get(), attestations),
                vulnerabilityShortfall(pinned.get(), vulnerabilities))
            .flatMap(Optional::stream)
            .toList();
    return Shortfall.violation(image, policy, shortfalls);
  }

  /**
   * The attestations from before an outage that this policy counted for the image, when its
   * attestation requirement passed only with them.
   */
  Optional<CachedFactsUse> cachedFactsUse(Map<AttestationCheck, AttestationFact> attestations) {
    if (allowlisted()) {
      return Optional.empty();
    }
    return pinned()
        .map(pinned -> new AttestationTally(policy, pinned, attestations))
        .filter(tally -> !tally.satisfied() && tally.satisfiedWithCachedFacts())
        .map(
            tally ->
                new CachedFactsUse(
                    image, policy, tally.acceptedCachedFacts(), tally.unavailable()));
  }

  private Optional<Shortfall> attestationShortfall(
      ImageReference pinned, Map<AttestationCheck, AttestationFact> facts) {
    AttestationTally tally = new AttestationTally(policy, pinned, facts);
    if (tally.satisfied() || tally.satisfiedWithCachedFacts()) {
      return Optional.empty();
    }
    if (tally.outageCouldSatisfy()) {
      return Optional.of(
          new Shortfall(DecisionMessages.backendUnavailable(tally.unavailable()), true));
    }
    return Optional.of(new Shortfall(DecisionMessages.missingAttestations(policy, tally), false));
  }

  private Optional<Shortfall> vulnerabilityShortfall(
      ImageReference pinned, Map<VulnerabilityCheck, VulnerabilityFact> facts) {
    Optional<VulnerabilityRequirements> requirements = vulnerabilityRequirements();
    if (requirements.isEmpty()) {
      return Optional.empty();
    }
    VulnerabilityFact fact = facts.getOrDefault(new VulnerabilityCheck(pinned), NOT_CHECKED);
    if (fact instanceof VulnerabilityFact.Unavailable outage) {
      return Optional.of(
          new Shortfall(DecisionMessages.vulnerabilityBackendUnavailable(outage), true));
    }
    List<Vulnerability> violations =
        VULNERABILITIES.violations(
            requirements.get(), ((VulnerabilityFact.Reported) fact).vulnerabilities());
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Shortfall(DecisionMessages.vulnerabilities(requirements.get(), violations), false));
  }

  /** The policy's requirements, unless they tolerate everything and so need no findings. */
  private Optional<VulnerabilityRequirements> vulnerabilityRequirements() {
    return policy
        .vulnerabilityRequirements()
        .filter(requirements -> !requirements.toleratesEverything());
  }
}
