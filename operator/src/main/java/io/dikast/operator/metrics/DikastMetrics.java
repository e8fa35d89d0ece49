package io.dikast.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The operator's Prometheus meters, under the names ARCHITECTURE.md promises dashboards (Micrometer
 * appends {@code _total} and {@code _seconds}).
 */
@ApplicationScoped
public class DikastMetrics {

  private final MeterRegistry registry;
  private final Timer admissionDuration;
  private final Timer grafeasDuration;
  private final Timer registryDuration;
  private final Counter cacheHits;
  private final Counter cacheMisses;
  private final Counter breakglass;

  public DikastMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.admissionDuration =
        Timer.builder("dikast.admission.duration")
            .description("Time to answer one admission review")
            .publishPercentileHistogram()
            .register(registry);
    this.grafeasDuration =
        Timer.builder("dikast.grafeas.request.duration")
            .description("Time to read one authority's attestations for one image from Grafeas")
            .publishPercentileHistogram()
            .register(registry);
    this.registryDuration =
        Timer.builder("dikast.registry.request.duration")
            .description("Time to read one image's cosign signatures from its registry")
            .publishPercentileHistogram()
            .register(registry);
    this.cacheHits =
        Counter.builder("dikast.verification.cache.hits")
            .description("Attestation facts answered from the verification cache")
            .register(registry);
    this.cacheMisses =
        Counter.builder("dikast.verification.cache.misses")
            .description("Attestation facts that had to be verified against Grafeas")
            .register(registry);
    this.breakglass =
        Counter.builder("dikast.breakglass")
            .description("Workloads admitted only thanks to the break-glass annotation")
            .register(registry);
  }

  /**
   * Counts one answered admission review.
   *
   * @param decision {@code allowed}, {@code denied}, {@code skipped} (not a checked kind) or {@code
   *     malformed}
   */
  public void admission(String decision, String kind, Duration elapsed) {
    registry.counter("dikast.admission.requests", "decision", decision, "kind", kind).increment();
    admissionDuration.record(elapsed);
  }

  public void grafeasRequest(Duration elapsed) {
    grafeasDuration.record(elapsed);
  }

  public void registryRequest(Duration elapsed) {
    registryDuration.record(elapsed);
  }

  public void cacheHit() {
    cacheHits.increment();
  }

  public void cacheMiss() {
    cacheMisses.increment();
  }

  public void breakglassAdmission() {
    breakglass.increment();
  }
}
