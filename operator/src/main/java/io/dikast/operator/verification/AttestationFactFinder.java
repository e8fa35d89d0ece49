package io.dikast.operator.verification;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.verifier.attestation.AttestationFacts;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The verifier's {@link AttestationFacts}, with every Grafeas request timed for the metrics. */
@ApplicationScoped
public class AttestationFactFinder {

  private final AttestationSource timed;

  public AttestationFactFinder(AttestationSource source, DikastMetrics metrics) {
    this.timed = new TimedSource(source, metrics);
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
