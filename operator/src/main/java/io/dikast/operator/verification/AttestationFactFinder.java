package io.dikast.operator.verification;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.verifier.attestation.AttestationFacts;
import io.dikast.verifier.attestation.ProvenanceFacts;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.dikast.verifier.grafeas.ProvenanceSource;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The verifier's {@link AttestationFacts} and {@link ProvenanceFacts}, with every Grafeas request
 * timed for the metrics.
 */
@ApplicationScoped
public class AttestationFactFinder {

  private final AttestationSource timed;
  private final ProvenanceSource timedBuilds;

  public AttestationFactFinder(
      AttestationSource source, ProvenanceSource builds, DikastMetrics metrics) {
    this.timed = new TimedSource(source, metrics);
    this.timedBuilds = new TimedBuilds(builds, metrics);
  }

  public AttestationFact find(
      String noteName, List<TrustedKey> keys, ImageReference image, Deadline deadline) {
    return AttestationFacts.find(timed, noteName, keys, image, deadline);
  }

  /**
   * {@link #find} without a thread waiting for Grafeas.
   *
   * @param blocking runs a source that blocks
   */
  public CompletableFuture<AttestationFact> findAsync(
      String noteName,
      List<TrustedKey> keys,
      ImageReference image,
      Deadline deadline,
      Executor blocking) {
    return AttestationFacts.findAsync(timed, noteName, keys, image, deadline, blocking);
  }

  /** What the BUILD occurrences under {@code noteName} prove about {@code image}'s build. */
  public CompletableFuture<AttestationFact> findProvenanceAsync(
      String noteName,
      List<TrustedKey> keys,
      ImageReference image,
      Deadline deadline,
      Executor blocking) {
    return ProvenanceFacts.findAsync(timedBuilds, noteName, keys, image, deadline, blocking);
  }

  private record TimedBuilds(ProvenanceSource source, DikastMetrics metrics)
      implements ProvenanceSource {

    @Override
    public List<Occurrence> builds(String noteName, ImageReference image, Deadline budget)
        throws BackendUnavailableException, NoteNotFoundException {
      long start = System.nanoTime();
      try {
        return source.builds(noteName, image, budget);
      } finally {
        metrics.grafeasRequest(Duration.ofNanos(System.nanoTime() - start));
      }
    }

    @Override
    public CompletableFuture<List<Occurrence>> buildsAsync(
        String noteName, ImageReference image, Deadline budget, Executor blocking) {
      long start = System.nanoTime();
      return source
          .buildsAsync(noteName, image, budget, blocking)
          .whenComplete(
              (occurrences, failure) ->
                  metrics.grafeasRequest(Duration.ofNanos(System.nanoTime() - start)));
    }
  }

  private record TimedSource(AttestationSource source, DikastMetrics metrics)
      implements AttestationSource {

    @Override
    public List<Occurrence> attestations(String noteName, ImageReference image, Deadline budget)
        throws BackendUnavailableException, NoteNotFoundException {
      long start = System.nanoTime();
      try {
        return source.attestations(noteName, image, budget);
      } finally {
        record(start);
      }
    }

    @Override
    public CompletableFuture<List<Occurrence>> attestationsAsync(
        String noteName, ImageReference image, Deadline budget, Executor blocking) {
      long start = System.nanoTime();
      return source
          .attestationsAsync(noteName, image, budget, blocking)
          .whenComplete((occurrences, failure) -> record(start));
    }

    private void record(long start) {
      metrics.grafeasRequest(Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
