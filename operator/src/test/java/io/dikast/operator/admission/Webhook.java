package io.dikast.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.engine.policy.Policy;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.ManualTicker;
import io.dikast.operator.verification.VerificationCache;
import io.dikast.operator.verification.VerificationSettings;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.VulnerabilitySource;
import io.grpc.Deadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's decision path without Quarkus: the reader, the decider over a real policy-set view,
 * cache and resolver, and the response mapping, answering AdmissionReview bodies with the JSON the
 * API server would receive.
 */
final class Webhook implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  final PolicySetView view = new PolicySetView();
  final ManualTicker ticker = new ManualTicker();
  private final FactResolver resolver;
  private final VulnerabilityResolver vulnerabilities;
  private final WorkloadDecider decider;
  private final Duration budget;

  /** A webhook whose policies never ask about vulnerabilities. */
  Webhook(AttestationSource source, Duration budget) {
    this(
        source,
        (image, deadline) -> {
          throw new BackendUnavailableException("this test has no vulnerability backend");
        },
        budget);
  }

  Webhook(AttestationSource source, VulnerabilitySource vulnerabilitySource, Duration budget) {
    DikastMetrics metrics = new DikastMetrics(new SimpleMeterRegistry());
    this.resolver =
        new FactResolver(
            new AttestationFactFinder(source, metrics),
            new VerificationCache(CacheSettings.defaults(), ticker),
            metrics,
            VerificationSettings.defaults(),
            Duration.ofSeconds(2));
    this.vulnerabilities =
        new VulnerabilityResolver(vulnerabilitySource, VerificationSettings.defaults());
    this.decider = new WorkloadDecider(view, resolver, vulnerabilities);
    this.budget = budget;
    view.markLoaded();
  }

  Webhook with(Policy policy) {
    view.putPolicy(policy);
    return this;
  }

  Webhook with(ResolvedAuthority authority) {
    view.putAuthority(authority);
    return this;
  }

  /** The {@code response} object of the answer to {@code body}. */
  JsonNode answer(String body) {
    AdmissionCall call = AdmissionReviewReader.read(body);
    String json =
        AdmissionJson.write(
            call.skipReason().isPresent()
                ? AdmissionResponses.skipped(call.uid(), call.skipReason().get())
                : AdmissionResponses.of(
                    call.uid(),
                    decider.decide(
                        call.workload().orElseThrow(),
                        Deadline.after(budget.toNanos(), TimeUnit.NANOSECONDS))));
    try {
      return MAPPER.readTree(json).path("response");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    resolver.close();
    vulnerabilities.close();
  }
}
