package io.dikast.operator.verification;

import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.operator.grafeas.AttestationSource;
import io.dikast.operator.grafeas.BackendUnavailableException;
import io.dikast.operator.grafeas.NoteNotFoundException;
import io.dikast.operator.metrics.DikastMetrics;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers one question against Grafeas, uncached: does any occurrence under an authority's note
 * carry a valid attestation of this image by one of the authority's keys?
 */
@ApplicationScoped
public class AttestationFactFinder {

  static final String NO_OCCURRENCE = "no attestation occurrence for this digest";
  // Deny messages stay readable when a note holds many bad attestations for one digest.
  private static final int MAX_REASONS = 3;

  private final AttestationSource source;
  private final DikastMetrics metrics;

  public AttestationFactFinder(AttestationSource source, DikastMetrics metrics) {
    this.source = source;
    this.metrics = metrics;
  }

  public AttestationFact find(
      String noteName, List<TrustedKey> keys, ImageReference image, Deadline deadline) {
    List<Occurrence> occurrences;
    long start = System.nanoTime();
    try {
      occurrences = source.attestations(noteName, image, deadline);
    } catch (NoteNotFoundException e) {
      return new AttestationFact.NotVerified(e.getMessage());
    } catch (BackendUnavailableException e) {
      return new AttestationFact.Unavailable(e.getMessage());
    } finally {
      metrics.grafeasRequest(Duration.ofNanos(System.nanoTime() - start));
    }
    return verify(occurrences, keys, image);
  }

  static AttestationFact verify(
      List<Occurrence> occurrences, List<TrustedKey> keys, ImageReference image) {
    if (occurrences.isEmpty()) {
      return new AttestationFact.NotVerified(NO_OCCURRENCE);
    }
    Set<String> reasons = new LinkedHashSet<>();
    for (Occurrence occurrence : occurrences) {
      Verification verification =
          AttestationVerifier.verify(image, OccurrenceAttestations.of(occurrence), keys);
      if (verification.verified()) {
        return new AttestationFact.Verified(verification.keyId());
      }
      reasons.add(verification.reason());
    }
    return new AttestationFact.NotVerified(summary(reasons));
  }

  private static String summary(Set<String> reasons) {
    List<String> shown = reasons.stream().limit(MAX_REASONS).toList();
    String joined = String.join("; ", shown);
    return reasons.size() > shown.size()
        ? joined + "; and " + (reasons.size() - shown.size()) + " more"
        : joined;
  }
}
