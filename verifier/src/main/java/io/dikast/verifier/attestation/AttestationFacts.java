package io.dikast.verifier.attestation;

import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.attestation.DsseVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Answers one question against Grafeas, uncached: does any occurrence under an authority's note
 * carry a valid attestation of this image by one of the authority's keys?
 */
public final class AttestationFacts {

  static final String NO_OCCURRENCE = "no attestation occurrence for this digest";
  // Deny messages stay readable when a note holds many bad attestations for one digest.
  private static final int MAX_REASONS = 3;

  private AttestationFacts() {}

  /** The fact for {@code image} under {@code noteName}; an outage is never a success. */
  public static AttestationFact find(
      AttestationSource source,
      String noteName,
      List<TrustedKey> keys,
      ImageReference image,
      Deadline deadline) {
    List<Occurrence> occurrences;
    try {
      occurrences = source.attestations(noteName, image, deadline);
    } catch (NoteNotFoundException e) {
      return new AttestationFact.NotVerified(e.getMessage());
    } catch (BackendUnavailableException e) {
      return new AttestationFact.Unavailable(e.getMessage());
    }
    return verify(occurrences, keys, image);
  }

  /**
   * {@link #find} as a future: the source asked through {@link
   * AttestationSource#attestationsAsync}, the signatures checked on the thread its answer arrives
   * on.
   *
   * @param blocking runs a source that blocks
   */
  public static CompletableFuture<AttestationFact> findAsync(
      AttestationSource source,
      String noteName,
      List<TrustedKey> keys,
      ImageReference image,
      Deadline deadline,
      Executor blocking) {
    return source
        .attestationsAsync(noteName, image, deadline, blocking)
        .handle(
            (occurrences, failure) ->
                failure == null ? verify(occurrences, keys, image) : unanswered(failure));
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

  /** Verified by the first occurrence that verifies; otherwise why none did. */
  public static AttestationFact verify(
      List<Occurrence> occurrences, List<TrustedKey> keys, ImageReference image) {
    if (occurrences.isEmpty()) {
      return new AttestationFact.NotVerified(NO_OCCURRENCE);
    }
    Set<String> reasons = new LinkedHashSet<>();
    for (Occurrence occurrence : occurrences) {
      Verification verification = verify(occurrence, keys, image);
      if (verification.verified()) {
        return new AttestationFact.Verified(verification.keyId());
      }
      reasons.add(verification.reason());
    }
    return new AttestationFact.NotVerified(summary(reasons));
  }

  /**
   * An occurrence's signatures, and its DSSE envelope's: either verifying is enough. An envelope
   * beside an attestation without signatures (as {@code dikast sign --dsse} files them) is reported
   * alone.
   */
  private static Verification verify(
      Occurrence occurrence, List<TrustedKey> keys, ImageReference image) {
    Attestation attestation = OccurrenceAttestations.of(occurrence);
    Optional<DsseEnvelope> envelope = OccurrenceAttestations.envelope(occurrence);
    if (envelope.isEmpty()) {
      return AttestationVerifier.verify(image, attestation, keys);
    }
    Verification dsse = DsseVerifier.verify(image, envelope.get(), keys);
    if (dsse.verified() || attestation.signatures().isEmpty()) {
      return dsse;
    }
    Verification signed = AttestationVerifier.verify(image, attestation, keys);
    return signed.verified()
        ? signed
        : Verification.notVerified(dsse.reason() + "; " + signed.reason());
  }

  private static String summary(Set<String> reasons) {
    List<String> shown = reasons.stream().limit(MAX_REASONS).toList();
    String joined = String.join("; ", shown);
    return reasons.size() > shown.size()
        ? joined + "; and " + (reasons.size() - shown.size()) + " more"
        : joined;
  }
}
