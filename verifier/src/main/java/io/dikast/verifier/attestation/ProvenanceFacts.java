package io.dikast.verifier.attestation;

import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.attestation.ProvenanceVerification;
import io.dikast.engine.attestation.ProvenanceVerifier;
import io.dikast.engine.attestation.SlsaProvenance;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.dikast.verifier.grafeas.ProvenanceSource;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Answers one provenance check against Grafeas, uncached: what do the BUILD occurrences under an
 * authority's note, whose DSSE envelopes verify with its keys, say about this image's build? Only
 * the envelope counts; the occurrence's unsigned {@code build} details are never read.
 */
public final class ProvenanceFacts {

  static final String NO_OCCURRENCE = "no build occurrence for this digest";
  static final String NO_ENVELOPE = "build occurrence has no DSSE envelope";
  // Deny messages stay readable when a note holds many bad envelopes for one digest.
  private static final int MAX_REASONS = 3;

  private ProvenanceFacts() {}

  /** The fact for {@code image} under {@code noteName}; an outage is never a success. */
  public static AttestationFact find(
      ProvenanceSource source,
      String noteName,
      List<TrustedKey> keys,
      ImageReference image,
      Deadline deadline) {
    try {
      return verify(source.builds(noteName, image, deadline), keys, image);
    } catch (NoteNotFoundException e) {
      return new AttestationFact.NotVerified(e.getMessage());
    } catch (BackendUnavailableException e) {
      return new AttestationFact.Unavailable(e.getMessage());
    }
  }

  /**
   * {@link #find} as a future, the envelopes checked on the thread the source's answer arrives on.
   *
   * @param blocking runs a source that blocks
   */
  public static CompletableFuture<AttestationFact> findAsync(
      ProvenanceSource source,
      String noteName,
      List<TrustedKey> keys,
      ImageReference image,
      Deadline deadline,
      Executor blocking) {
    return source
        .buildsAsync(noteName, image, deadline, blocking)
        .handle(
            (occurrences, failure) ->
                failure == null ? verify(occurrences, keys, image) : unanswered(failure));
  }

  /**
   * Verified with every statement whose envelope verifies, the evidence the policy's patterns
   * judge; otherwise why none did.
   */
  public static AttestationFact verify(
      List<Occurrence> occurrences, List<TrustedKey> keys, ImageReference image) {
    if (occurrences.isEmpty()) {
      return new AttestationFact.NotVerified(NO_OCCURRENCE);
    }
    Set<SlsaProvenance> statements = new LinkedHashSet<>();
    String keyId = null;
    Set<String> reasons = new LinkedHashSet<>();
    for (Occurrence occurrence : occurrences) {
      Optional<DsseEnvelope> envelope = OccurrenceAttestations.envelope(occurrence);
      if (envelope.isEmpty()) {
        reasons.add(NO_ENVELOPE);
        continue;
      }
      ProvenanceVerification verification = ProvenanceVerifier.verify(image, envelope.get(), keys);
      if (verification.verified()) {
        statements.add(verification.provenance());
        keyId = keyId == null ? verification.keyId() : keyId;
      } else {
        reasons.add(verification.reason());
      }
    }
    if (!statements.isEmpty()) {
      return new AttestationFact.Verified(keyId, new ArrayList<>(statements));
    }
    return new AttestationFact.NotVerified(summary(reasons));
  }

  private static AttestationFact unanswered(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof NoteNotFoundException notFound) {
      return new AttestationFact.NotVerified(notFound.getMessage());
    }
    if (cause instanceof BackendUnavailableException unavailable) {
      return new AttestationFact.Unavailable(unavailable.getMessage());
    }
    throw new CompletionException(cause);
  }

  private static String summary(Set<String> reasons) {
    List<String> shown = reasons.stream().limit(MAX_REASONS).toList();
    String joined = String.join("; ", shown);
    return reasons.size() > shown.size()
        ? joined + "; and " + (reasons.size() - shown.size()) + " more"
        : joined;
  }
}
