package io.dikast.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.engine.policy.Policy;
import io.dikast.operator.breakglass.AdmissionRecorder;
import io.dikast.operator.breakglass.PolicyStatusRecorder;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.ClusterPolicy;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.ManualTicker;
import io.dikast.operator.verification.NoBuilds;
import io.dikast.operator.verification.NoRegistry;
import io.dikast.operator.verification.VerificationCache;
import io.dikast.operator.verification.VerificationSettings;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.VulnerabilitySource;
import io.dikast.verifier.registry.RegistryCredentials;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The webhook's decision path without Quarkus: the reader and the admission service, with the
 * decider over a real policy-set view, cache and resolver, answering AdmissionReview bodies with
 * the JSON the API server would receive. Break-glass is recorded to a status recorder that never
 * writes, and nothing is auto-attested.
 */
final class Webhook implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  final PolicySetView view = new PolicySetView("dikast");
  final ManualTicker ticker = new ManualTicker();
  private final FactResolver resolver;
  private final VulnerabilityResolver vulnerabilities;
  private final PolicyStatusRecorder status =
      new PolicyStatusRecorder(null, null, () -> Duration.ofHours(1));
  private final AdmissionService service;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

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
    DikastMetrics metrics = new DikastMetrics(registry);
    this.resolver =
        new FactResolver(
            new AttestationFactFinder(source, NoBuilds.SOURCE, metrics),
            NoRegistry.finder(metrics),
            RegistryCredentials.NONE,
            new VerificationCache(CacheSettings.defaults(), ticker),
            metrics,
            VerificationSettings.defaults(),
            Duration.ofSeconds(2));
    this.vulnerabilities =
        new VulnerabilityResolver(vulnerabilitySource, VerificationSettings.defaults());
    this.service =
        new AdmissionService(
            new WorkloadDecider(view, resolver, vulnerabilities),
            new AdmissionRecorder(status, metrics),
            metrics,
            new AdmissionSettings(
                budget, Duration.ZERO, AdmissionSettings.defaults().maxBodySize()),
            workload -> {});
    view.markLoaded();
  }

  Webhook with(Policy policy) {
    view.putPolicy(policy);
    return this;
  }

  Webhook with(ClusterPolicy policy) {
    view.putClusterPolicy(policy);
    return this;
  }

  Webhook with(ResolvedAuthority authority) {
    view.putAuthority(authority);
    return this;
  }

  /**
   * The {@code response} object of the answer to {@code body}.
   *
   * @throws MalformedAdmissionReviewException where the endpoint answers HTTP 400
   */
  JsonNode answer(String body) {
    String json =
        AdmissionJson.write(
            service.review(AdmissionReviewReader.read(body), System.nanoTime()).join());
    try {
      return MAPPER.readTree(json).path("response");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many reviews of {@code kind} ended with {@code decision}, as the metric counts them. */
  double requests(String decision, String kind) {
    return registry
        .get("dikast.admission.requests")
        .tags("decision", decision, "kind", kind)
        .counter()
        .count();
  }

  @Override
  public void close() {
    resolver.close();
    vulnerabilities.close();
    status.close();
  }
}
