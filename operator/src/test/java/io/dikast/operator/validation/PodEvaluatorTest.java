package io.dikast.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.key.KeyParser;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.InMemoryAttestations;
import io.dikast.operator.verification.ManualTicker;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Grafeas budget of continuous validation: only checks that will ask Grafeas take a permit. */
class PodEvaluatorTest {

  private static final String NS = "payments";
  private static final String QA_NOTE = "projects/image-signing/notes/qa";
  private static final String APP = "gcr.io/acme/app@sha256:" + "a".repeat(64);
  private static final String OTHER = "gcr.io/acme/other@sha256:" + "b".repeat(64);
  private static final long ONE_SLOT = TimeUnit.SECONDS.toNanos(1);
  private static final Policy QA_ONLY =
      new Policy(
          PolicyKind.IMAGE_SECURITY_POLICY,
          NS,
          "qa-only",
          List.of(),
          List.of("qa"),
          0,
          EnforcementMode.ENFORCE,
          BreakglassMode.ALLOW,
          BackendUnavailableMode.DENY);

  private final InMemoryAttestations grafeas = new InMemoryAttestations().withNotes(QA_NOTE);
  private final List<Long> waits = new CopyOnWriteArrayList<>();
  // A clock that stands still: what one caller reserved shows as the next caller's wait.
  private final Pacer pacer = new Pacer(1, () -> 0L, waits::add);
  private FactResolver facts;
  private VulnerabilityResolver vulnerabilities;
  private NamespacePolicies snapshot;

  @BeforeEach
  void start() throws Exception {
    DikastMetrics metrics = new DikastMetrics(new SimpleMeterRegistry());
    facts =
        new FactResolver(
            new AttestationFactFinder(grafeas, NoBuilds.SOURCE, metrics),
            NoRegistry.finder(metrics),
            RegistryCredentials.NONE,
            new VerificationCache(CacheSettings.defaults(), new ManualTicker()),
            metrics,
            VerificationSettings.defaults(),
            Duration.ofSeconds(2));
    vulnerabilities =
        new VulnerabilityResolver(
            (image, deadline) -> {
              throw new BackendUnavailableException("no policy here asks for vulnerabilities");
            },
            VerificationSettings.defaults());
    ResolvedAuthority qa =
        ResolvedAuthority.of(
            NS,
            "qa",
            QA_NOTE,
            List.of(
                KeyParser.parsePkix(
                    "qa-ec", JcaEcSigner.generate().publicKeyPem(), "ECDSA_P256_SHA256")),
            true);
    snapshot = new NamespacePolicies(List.of(QA_ONLY), Map.of("qa", qa));
  }

  @AfterEach
  void stop() {
    facts.close();
    vulnerabilities.close();
  }

  @Test
  void aPodWhoseFactsAreCachedTakesNoGrafeasPermit() throws Exception {
    PodEvaluator evaluator = new PodEvaluator(facts, vulnerabilities, pacer);

    PodVerdict first = evaluator.judge(pod("web-1", APP), snapshot, in10s());
    PodVerdict sameImage = evaluator.judge(pod("web-2", APP), snapshot, in10s());
    evaluator.judge(pod("other", OTHER), snapshot, in10s());

    assertThat(first).isInstanceOf(PodVerdict.Violating.class);
    assertThat(sameImage).isEqualTo(first);
    // APP's check went at once and reserved one slot; its cached repeat reserved none, so OTHER
    // waited one slot, not two.
    assertThat(waits).containsExactly(ONE_SLOT);
    assertThat(grafeas.requests()).isEqualTo(2);
  }

  private static Workload pod(String name, String image) {
    return new Workload(
        "Pod", NS, name, List.of(new ContainerImage("app", ContainerType.CONTAINER, image)), false);
  }

  private static Deadline in10s() {
    return Deadline.after(10, TimeUnit.SECONDS);
  }
}
