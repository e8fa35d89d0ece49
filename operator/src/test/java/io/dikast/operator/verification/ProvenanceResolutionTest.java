package io.dikast.operator.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.attestation.SlsaProvenance;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyEvaluator;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.ProvenanceRequirement;
import io.dikast.engine.testing.BashPae;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.PullSecrets;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.ClusterPolicy;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.NamespaceSelection;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BuildOccurrences;
import io.dikast.verifier.grafeas.ProvenanceSource;
import io.dikast.verifier.registry.RegistryCredentials;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance checks through the resolver and its cache: the cache keeps what the verified
 * statements say, so a policy's patterns are applied afresh at every decision.
 */
class ProvenanceResolutionTest {

  private static final String NS = "payments";
  private static final String CI_NOTE = "projects/ci/notes/builder";
  private static final String PAYMENT =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final ImageReference IMAGE = ImageReference.parse(PAYMENT);
  private static final AttestationCheck PROVENANCE = AttestationCheck.provenance("ci", IMAGE);
  private static final String GENERATOR =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
          + "generator_container_slsa3.yml@refs/tags/v2.0.0";
  private static final JcaEcSigner SIGNER = JcaEcSigner.generate();
  private static final AttestationSource NO_ATTESTATIONS =
      (note, image, budget) -> {
        throw new AssertionError("a provenance check asked for attestations");
      };

  @TempDir static Path dir;
  private static TrustedKey ciKey;
  private static Occurrence build;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final VerificationCache cache = new VerificationCache(CacheSettings.defaults());
  private final List<String> asked = new ArrayList<>();
  private final ProvenanceSource grafeas =
      (note, image, budget) -> {
        asked.add(note + " " + image.pinned());
        return List.of(build);
      };
  private FactResolver resolver;

  @BeforeAll
  static void signBuild() throws Exception {
    ciKey = KeyParser.parsePkix("ci-ec", SIGNER.publicKeyPem(), "ECDSA_P256_SHA256");
    byte[] statement;
    try (InputStream in =
        ProvenanceResolutionTest.class.getResourceAsStream("/provenance/payment-v1.json")) {
      statement = in.readAllBytes();
    }
    byte[] signature = SIGNER.sign(BashPae.encode(dir, DsseEnvelope.IN_TOTO_TYPE, statement));
    build = BuildOccurrences.of(CI_NOTE, IMAGE, statement, signature, "ci-ec");
  }

  @AfterEach
  void stop() {
    if (resolver != null) {
      resolver.close();
    }
  }

  @Test
  void cachesTheVerifiedStatementsSoChangedPatternsNeedNoGrafeasCall() {
    resolver = resolver(grafeas);
    NamespacePolicies snapshot =
        snapshot(ResolvedAuthority.of(NS, "ci", CI_NOTE, List.of(ciKey), true));
    PolicyEvaluator evaluator = new PolicyEvaluator();
    Workload pod =
        new Workload(
            "Pod",
            NS,
            "payment",
            List.of(new ContainerImage("app", ContainerType.CONTAINER, PAYMENT)),
            false);

    Map<AttestationCheck, AttestationFact> first = resolve(snapshot);
    Map<AttestationCheck, AttestationFact> second = resolve(snapshot);

    assertThat(first)
        .containsExactly(
            Map.entry(
                PROVENANCE,
                new AttestationFact.Verified(
                    "ci-ec",
                    List.of(
                        new SlsaProvenance(
                            "https://slsa.dev/provenance/v1",
                            GENERATOR,
                            List.of(
                                "git+https://github.com/acme/payment",
                                "https://github.com/acme/payment"))))));
    assertThat(second).isEqualTo(first);
    assertThat(asked).containsExactly(CI_NOTE + " " + PAYMENT);
    assertThat(
            evaluator
                .evaluate(pod, List.of(policy("git+https://github.com/acme/**")), second)
                .allowed())
        .isTrue();
    assertThat(
            evaluator
                .evaluate(pod, List.of(policy("git+https://github.com/other/**")), second)
                .denials())
        .containsExactly(
            "image "
                + PAYMENT
                + " denied by ImageSecurityPolicy payments/provenance: provenance by authority ci"
                + " names no source repository matching git+https://github.com/other/** (it names"
                + " git+https://github.com/acme/payment, https://github.com/acme/payment)");
    assertThat(asked).hasSize(1);
  }

  @Test
  void aCachedAttestationOfTheSameAuthorityAndImageNeverAnswersForProvenance() {
    resolver = resolver(grafeas);
    ResolvedAuthority ci = ResolvedAuthority.of(NS, "ci", CI_NOTE, List.of(ciKey), true);
    cache.put(
        new FactKey(NS, "ci", ci.signatureSources(), ci.keySetVersion(), IMAGE.pinned()),
        new AttestationFact.Verified("ci-ec"));

    AttestationFact.Verified fact =
        (AttestationFact.Verified) resolve(snapshot(ci)).get(PROVENANCE);

    assertThat(fact.provenance()).hasSize(1);
    assertThat(asked).containsExactly(CI_NOTE + " " + PAYMENT);
  }

  @Test
  void anAuthorityWithoutANoteHasNoProvenanceAndGrafeasIsNotAsked() {
    resolver = resolver(grafeas);
    ResolvedAuthority cosignOnly = ResolvedAuthority.of(NS, "ci", "", List.of(ciKey), true);

    assertThat(resolve(snapshot(cosignOnly)))
        .containsExactly(
            Map.entry(
                PROVENANCE,
                new AttestationFact.NotVerified(
                    "authority ci names no noteReference to read build provenance under")));
    assertThat(asked).isEmpty();
  }

  @Test
  void aClusterPolicysProvenanceIsReadWithTheOperatorsNamespaceAuthorityNeverTheTenants() {
    resolver = resolver(grafeas);
    PolicySetView view = new PolicySetView("dikast");
    // The tenant's own "ci" trusts the key that signed the build: that must not count.
    view.putAuthority(ResolvedAuthority.of(NS, "ci", CI_NOTE, List.of(ciKey), true));
    Policy cluster =
        new Policy(
                PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY,
                "",
                "built",
                List.of(),
                List.of(),
                0,
                EnforcementMode.ENFORCE,
                BreakglassMode.ALLOW,
                BackendUnavailableMode.DENY,
                Policy.DEFAULT_CACHED_FACTS_MAX_AGE,
                Optional.empty(),
                List.of(),
                List.of(new ProvenanceRequirement("ci", List.of(), List.of())))
            .withAuthoritiesIn("dikast");
    view.putClusterPolicy(
        new ClusterPolicy(cluster, NamespaceSelection.of(null, List.of(), "dikast")));
    Workload pod =
        new Workload(
            "Pod",
            NS,
            "payment",
            List.of(new ContainerImage("app", ContainerType.CONTAINER, PAYMENT)),
            false);

    assertThat(decide(view, pod).denials())
        .containsExactly(
            "image "
                + PAYMENT
                + " denied by ClusterImageSecurityPolicy built: no valid provenance by authority"
                + " dikast/ci (dikast/ci: authority ci is not defined in namespace dikast)");
    assertThat(asked).isEmpty();

    view.putAuthority(ResolvedAuthority.of("dikast", "ci", CI_NOTE, List.of(ciKey), true));

    assertThat(decide(view, pod).allowed()).isTrue();
  }

  private Decision decide(PolicySetView view, Workload pod) {
    PolicyEvaluator evaluator = new PolicyEvaluator();
    NamespacePolicies snapshot = view.snapshot(NS);
    Set<AttestationCheck> checks = evaluator.requiredChecks(pod, snapshot.policies());
    return evaluator.evaluate(
        pod,
        snapshot.policies(),
        resolver.resolve(
            NS, PullSecrets.DEFAULT, snapshot, checks, Deadline.after(5, TimeUnit.SECONDS)));
  }

  private Map<AttestationCheck, AttestationFact> resolve(NamespacePolicies snapshot) {
    return resolver.resolve(
        NS, PullSecrets.DEFAULT, snapshot, Set.of(PROVENANCE), Deadline.after(5, TimeUnit.SECONDS));
  }

  private FactResolver resolver(ProvenanceSource builds) {
    DikastMetrics metrics = new DikastMetrics(registry);
    return new FactResolver(
        new AttestationFactFinder(NO_ATTESTATIONS, builds, metrics),
        NoRegistry.finder(metrics),
        RegistryCredentials.NONE,
        cache,
        metrics,
        VerificationSettings.defaults(),
        Duration.ofSeconds(2));
  }

  private static Policy policy(String sourcePattern) {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        NS,
        "provenance",
        List.of(),
        List.of(),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY,
        Policy.DEFAULT_CACHED_FACTS_MAX_AGE,
        Optional.empty(),
        List.of(),
        List.of(new ProvenanceRequirement("ci", List.of(), List.of(sourcePattern))));
  }

  private static NamespacePolicies snapshot(ResolvedAuthority authority) {
    return new NamespacePolicies(List.of(), Map.of(authority.name(), authority));
  }
}
