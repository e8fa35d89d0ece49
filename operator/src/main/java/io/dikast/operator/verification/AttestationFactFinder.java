package io.dikast.operator.verification;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.verifier.attestation.AttestationFacts;
import io.dikast.verifier.grafeas.AttestationSource;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** The verifier's {@link AttestationFacts}, with every Grafeas request timed for the metrics. */
@ApplicationScoped
public class AttestationFactFinder {

  private final AttestationSource source;
  private final DikastMetrics metrics;

  public AttestationFactFinder(AttestationSource source, DikastMetrics metrics) {
    this.source = source;
    this.metrics = metrics;
  }

  public AttestationFact find(
      String noteName, List<TrustedKey> keys, ImageReference image, Deadline deadline) {
    AttestationSource timed =
        (note, pinned, budget) -> {
          long start = System.nanoTime();
          try {
            return source.attestations(note, pinned, budget);
          } finally {
            metrics.grafeasRequest(Duration.ofNanos(System.nanoTime() - start));
          }
        };
    return AttestationFacts.find(timed, noteName, keys, image, deadline);
  }
}
