package io.dikast.engine.policy;

import io.dikast.engine.attestation.SlsaProvenance;
import io.dikast.engine.image.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One policy's provenance requirements held against the facts about one pinned image. Every
 * requirement must be met; a missing fact is {@code Unavailable("not checked")}, never verified.
 */
final class ProvenanceTally {

  private final List<String> failures = new ArrayList<>();
  private final List<AttestationFact.Unavailable> outages = new ArrayList<>();

  ProvenanceTally(
      Policy policy, ImageReference image, Map<AttestationCheck, AttestationFact> facts) {
    for (ProvenanceRequirement requirement : policy.provenanceRequirements()) {
      AttestationFact fact =
          facts.getOrDefault(
              AttestationCheck.provenance(requirement.authorityName(), image),
              AttestationTally.NOT_CHECKED);
      if (fact instanceof AttestationFact.Unavailable outage) {
        outages.add(outage);
      } else if (fact instanceof AttestationFact.NotVerified notVerified) {
        failures.add(
            DecisionMessages.noValidProvenance(requirement.authorityName(), notVerified.reason()));
      } else {
        unmet(requirement, ((AttestationFact.Verified) fact).provenance()).ifPresent(failures::add);
      }
    }
  }

  /** What the requirements lack: definite failures first; outages only when nothing else fails. */
  Optional<Shortfall> shortfall() {
    if (!failures.isEmpty()) {
      return Optional.of(new Shortfall(String.join("; ", failures), false));
    }
    if (!outages.isEmpty()) {
      return Optional.of(
          new Shortfall(DecisionMessages.provenanceBackendUnavailable(outages), true));
    }
    return Optional.empty();
  }

  /**
   * Why no verified statement meets {@code requirement}, naming what the best one lacked: one with
   * an allowed builder lacks only a source, so it is reported before one with the wrong builder.
   */
  private static Optional<String> unmet(
      ProvenanceRequirement requirement, List<SlsaProvenance> statements) {
    if (statements.stream().anyMatch(requirement::isMetBy)) {
      return Optional.empty();
    }
    if (statements.isEmpty()) {
      return Optional.of(
          DecisionMessages.noValidProvenance(
              requirement.authorityName(), "no SLSA provenance statement"));
    }
    Optional<SlsaProvenance> rightBuilder =
        statements.stream().filter(requirement::allowsBuilder).findFirst();
    return Optional.of(
        rightBuilder
            .map(statement -> DecisionMessages.sourceNotAllowed(requirement, statement))
            .orElseGet(() -> DecisionMessages.builderNotAllowed(requirement, statements.get(0))));
  }
}
