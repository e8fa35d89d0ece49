package io.dikast.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.policy.Decision;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.InMemoryAttestations;
import io.dikast.operator.verification.NoBuilds;
import io.dikast.operator.verification.NoRegistry;
import io.dikast.operator.verification.VerificationCache;
import io.dikast.operator.verification.VerificationSettings;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.RegistryCredentials;
import io.grpc.Deadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecisionPathWarmupTest {

  private final DikastMetrics metrics = new DikastMetrics(new SimpleMeterRegistry());
  private final InMemoryAttestations grafeas = new InMemoryAttestations();
  private final FactResolver facts =
      new FactResolver(
          new AttestationFactFinder(grafeas, NoBuilds.SOURCE, metrics),
          NoRegistry.finder(metrics),
          RegistryCredentials.NONE,
          new VerificationCache(CacheSettings.defaults()),
          metrics,
          VerificationSettings.defaults(),
          Duration.ofSeconds(2));
  private final VulnerabilityResolver vulnerabilities =
      new VulnerabilityResolver(
          (image, deadline) -> {
            throw new BackendUnavailableException("this test has no vulnerability backend");
          },
          VerificationSettings.defaults());
  private final PolicySetView view = new PolicySetView("dikast");

  @AfterEach
  void stop() {
    facts.close();
    vulnerabilities.close();
  }

  @Test
  void staysUnreadyUntilTheSelfCheckDecisionRan() {
    DecisionPathWarmup warmup =
        new DecisionPathWarmup(
            new WorkloadDecider(view, facts, vulnerabilities), AdmissionSettings.defaults());

    HealthCheckResponse before = warmup.call();
    warmup.run();
    HealthCheckResponse after = warmup.call();

    assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(before.getData())
        .hasValueSatisfying(d -> assertThat(d).containsEntry("state", "running"));
    assertThat(after.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(grafeas.requests())
        .as("the Grafeas channel is used once before the first review")
        .isEqualTo(1);
  }

  @Test
  void staysUnreadyWhenTheSelfCheckAdmitsAnImageWithoutAttestation() {
    WorkloadDecider admitsAll =
        new WorkloadDecider(view, facts, vulnerabilities) {
          @Override
          Decision decide(Workload workload, NamespacePolicies snapshot, Deadline deadline) {
            return new Decision(List.of(), List.of(), Map.of(), Map.of());
          }
        };
    DecisionPathWarmup warmup = new DecisionPathWarmup(admitsAll, AdmissionSettings.defaults());

    warmup.run();

    HealthCheckResponse health = warmup.call();
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(health.getData())
        .hasValueSatisfying(
            data ->
                assertThat(data.get("state").toString())
                    .startsWith("failed: an image without attestation was not denied"));
  }
}
