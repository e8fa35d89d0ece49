package io.dikast.operator.verification;

import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.registry.RegistryClientConfig;
import io.dikast.verifier.attestation.CosignFacts;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.CosignSignatureSource;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The verifier's {@link CosignFacts}, each lookup under the earlier of the admission's deadline and
 * {@code dikast.registry.call-timeout}, and timed for the metrics.
 */
@ApplicationScoped
public class CosignFactFinder {

  private final CosignSignatureSource source;
  private final DikastMetrics metrics;
  private final Duration callTimeout;

  @Inject
  public CosignFactFinder(
      CosignSignatureSource source, DikastMetrics metrics, RegistryClientConfig config) {
    this(source, metrics, config.callTimeout());
  }

  public CosignFactFinder(
      CosignSignatureSource source, DikastMetrics metrics, Duration callTimeout) {
    this.source = source;
    this.metrics = metrics;
    this.callTimeout = callTimeout;
  }

  /**
   * @param blocking runs the lookup: registry clients block
   */
  public CompletableFuture<AttestationFact> findAsync(
      CosignLookup lookup, List<TrustedKey> keys, Deadline deadline, Executor blocking) {
    Deadline call = deadline.minimum(Deadline.after(callTimeout.toNanos(), TimeUnit.NANOSECONDS));
    return CompletableFuture.supplyAsync(
        () -> {
          long start = System.nanoTime();
          try {
            return CosignFacts.find(source, lookup, keys, call);
          } finally {
            metrics.registryRequest(Duration.ofNanos(System.nanoTime() - start));
          }
        },
        blocking);
  }
}
