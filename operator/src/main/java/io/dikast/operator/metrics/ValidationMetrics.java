package io.dikast.operator.metrics;

import io.dikast.engine.policy.PolicyRef;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous validation's meters: {@code dikast_validation_violations{namespace,policy,kind}},
 * {@code dikast_validation_run_duration_seconds} and {@code
 * dikast_validation_last_run_timestamp_seconds}.
 */
@ApplicationScoped
public class ValidationMetrics {

  private final MeterRegistry registry;
  private final Timer runDuration;
  private final AtomicLong lastRunEpochSeconds = new AtomicLong();
  private final Map<PolicyRef, AtomicInteger> violations = new ConcurrentHashMap<>();

  public ValidationMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.runDuration =
        Timer.builder("dikast.validation.run.duration")
            .description("Time one continuous-validation run took")
            .register(registry);
    Gauge.builder("dikast.validation.last.run.timestamp.seconds", lastRunEpochSeconds::get)
        .description("When the last continuous-validation run finished, in seconds since the epoch")
        .register(registry);
  }

  /** Sets the violation count of one policy, creating its gauge the first time. */
  public void violations(PolicyRef policy, int count) {
    violations.computeIfAbsent(policy, this::register).set(count);
  }

  public void run(Duration elapsed, Instant finished) {
    runDuration.record(elapsed);
    lastRunEpochSeconds.set(finished.getEpochSecond());
  }

  private AtomicInteger register(PolicyRef policy) {
    AtomicInteger value = new AtomicInteger();
    Gauge.builder("dikast.validation.violations", value, AtomicInteger::get)
        .description("Running pods that violate the policy, as the last validation run found")
        .tag("namespace", policy.namespace())
        .tag("policy", policy.name())
        .tag("kind", policy.kind().kind())
        .register(registry);
    return value;
  }
}
