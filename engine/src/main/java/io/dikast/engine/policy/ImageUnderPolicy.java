package io.dikast.engine.policy;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.image.InvalidImageReferenceException;
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

  /**
   * Whether a pattern exempts the image as written or in its normalised form, so {@code
   * docker.io/library/nginx:*} exempts {@code nginx:1.25}; an invalid reference never is.
   */
  boolean allowlisted() {
    Optional<ImageReference> reference = reference();
    return reference.isPresent()
        && policy.allowlistPatterns().stream()
            .map(AllowlistPattern::compile)
            .anyMatch(
                pattern -> pattern.matches(image) || pattern.matches(reference.get().normalised()));
  }

  /** The image when it is pinned by a well-formed digest; empty for anything else. */
  Optional<ImageReference> pinned() {
    return reference().filter(ImageReference::isDigestPinned);
  }

  private Optional<ImageReference> reference() {
    try {
      return Optional.of(ImageReference.parse(image));
    } catch (InvalidImageReferenceException invalid) {
      return Optional.empty();
    }
  }

  /**
   * The attestations and provenance this policy needs for this image; none when allowlisted or
   * unpinned.
   */
  List<AttestationCheck> requiredChecks() {
    if (allowlisted()) {
      return List.of();
    }
    return pinned()
        .map(
            pinned ->
                Stream.concat(
                        policy.authorityNames().stream()
                            .map(authority -> new AttestationCheck(authority, pinned)),
                        policy.provenanceRequirements().stream()
                            .map(ProvenanceRequirement::authorityName)
                            .distinct()
                            .map(authority -> AttestationCheck.provenance(authority, pinned)))
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
    ImageReference reference;
    try {
      reference = ImageReference.parse(image);
    } catch (InvalidImageReferenceException invalid) {
      return Optional.of(Violation.ofImage(image, policy, invalid.getMessage(), false));
    }
    Optional<ImageReference> pinned = Optional.of(reference).filter(ImageReference::isDigestPinned);
    if (pinned.isEmpty()) {
      return Optional.of(Violation.ofImage(image, policy, DecisionMessages.NOT_PINNED, false));
    }
    List<Shortfall> shortfalls =
        Stream.of(
                attestationShortfall(pinned.get(), attestations),
                new ProvenanceTally(policy, pinned.get(), attestations).shortfall(),
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
