package io.dikast.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicySpec;
import io.dikast.crds.v1beta1.ClusterPolicyStatus;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicySpec;
import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.crds.v1beta1.WhatIf;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.dikast.operator.grafeas.GrafeasClients;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.metrics.ValidationMetrics;
import io.dikast.operator.policyset.ClusterPolicy;
import io.dikast.operator.policyset.NamespaceSelection;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.operator.reconciler.PolicyObjects;
import io.dikast.operator.reconciler.WarningEventsAccess;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.ManualTicker;
import io.dikast.operator.verification.NoBuilds;
import io.dikast.operator.verification.NoRegistry;
import io.dikast.operator.verification.Occurrences;
import io.dikast.operator.verification.VerificationCache;
import io.dikast.operator.verification.VerificationSettings;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.registry.RegistryCredentials;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.DeleteOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validation runs against the Kubernetes mock server and the real Grafeas server: marks, events,
 * status and the outage path, through the same fact resolution admission uses.
 */
@EnableKubernetesMockClient(crud = true)
class ValidationRunTest {

  private static final String NS = "payments";
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final String SIGNED = "gcr.io/hightowerlabs/payment@sha256:" + "a".repeat(64);
  private static final String UNSIGNED = "gcr.io/hightowerlabs/payment@sha256:" + "b".repeat(64);
  private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
  private static final String UNSIGNED_DENIAL =
      "image "
          + UNSIGNED
          + " denied by ImageSecurityPolicy payments/qa-only: no valid attestation by authority qa"
          + " (qa: no attestation occurrence for this digest)";

  private static GrafeasServerProcess grafeas;
  private static ManagedChannel channel;
  private static GrafeasGrpc.GrafeasBlockingStub signer;
  private static JcaEcSigner key;
  private static TrustedKey trustedKey;

  KubernetesClient client;

  private final PolicySetView view = new PolicySetView("dikast");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private GrafeasClients.Closeable grafeasClients;
  private final ManualTicker ticker = new ManualTicker();
  private final VerificationCache cache = new VerificationCache(CacheSettings.defaults(), ticker);
  private FactResolver facts;
  private VulnerabilityResolver vulnerabilities;
  private String signedOccurrence;

  @BeforeAll
  static void startGrafeas() throws Exception {
    grafeas = GrafeasServerProcess.built().start();
    channel = ManagedChannelBuilder.forTarget(grafeas.address()).usePlaintext().build();
    signer = GrafeasGrpc.newBlockingStub(channel);
    signer
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .createNote(
            CreateNoteRequest.newBuilder()
                .setParent("projects/image-signing")
                .setNoteId("qa")
                .setNote(Note.newBuilder().setAttestation(AttestationNote.getDefaultInstance()))
                .build());
    key = JcaEcSigner.generate();
    trustedKey = KeyParser.parsePkix(null, key.publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @AfterAll
  static void stopGrafeas() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    grafeas.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    for (String plural :
        List.of(
            "imagesecuritypolicies",
            "genericattestationpolicies",
            "clusterimagesecuritypolicies")) {
      try (InputStream crd =
          getClass().getResourceAsStream("/crds/" + plural + ".kritis.grafeas.io-v1.yml")) {
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
            .create();
      }
    }
    signedOccurrence = attest(SIGNED);
    view.putAuthority(ResolvedAuthority.of(NS, "qa", NOTE, List.of(trustedKey), true));
    view.putPolicy(qaOnly(EnforcementMode.ENFORCE));
    ImageSecurityPolicy policy = new ImageSecurityPolicy();
    policy.getMetadata().setNamespace(NS);
    policy.getMetadata().setName("qa-only");
    policy.setSpec(new ImageSecurityPolicySpec());
    client.resource(policy).create();
    view.markLoaded();
    grafeasClients = GrafeasClients.plaintext(grafeas.address(), Duration.ofSeconds(2));
  }

  @AfterEach
  void tearDown() {
    if (facts != null) {
      facts.close();
      vulnerabilities.close();
    }
    grafeasClients.close();
    signer
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .deleteOccurrence(DeleteOccurrenceRequest.newBuilder().setName(signedOccurrence).build());
  }

  @Test
  void marksAPodWhoseImageHasNoAttestationAndCountsItInThePolicyStatus() throws Exception {
    createPod("signed", SIGNED);
    createPod("unsigned", UNSIGNED);

    run(grafeasClients).run();

    assertThat(labels("signed")).doesNotContainKey(PodMarks.KEY);
    assertThat(labels("unsigned")).containsEntry(PodMarks.KEY, PodMarks.LABEL_VALUE);
    assertThat(pod("unsigned").getMetadata().getAnnotations())
        .containsEntry(PodMarks.KEY, UNSIGNED_DENIAL);
    PolicyStatus status = status();
    assertThat(status.getViolations()).isEqualTo(1);
    assertThat(status.getViolatingPods()).containsExactly("unsigned");
    assertThat(status.getLastValidationTime()).isEqualTo("2026-11-28T03:00:00Z");
    assertThat(condition(status).getStatus()).isEqualTo("True");
    assertThat(violationEvents()).extracting(Event::getMessage).containsExactly(UNSIGNED_DENIAL);
    assertThat(
            registry
                .get("dikast.validation.violations")
                .tags("namespace", NS, "policy", "qa-only", "kind", "ImageSecurityPolicy")
                .gauge()
                .value())
        .isEqualTo(1.0);
  }

  @Test
  void countsAClusterPolicysViolatingPodsWithTheirNamespaces() throws Exception {
    baseline(EnforcementMode.ENFORCE, Map.of());
    createPod("signed", SIGNED);
    createPod("unsigned", UNSIGNED);

    run(grafeasClients).run();

    ClusterPolicyStatus status =
        client.resources(ClusterImageSecurityPolicy.class).withName("baseline").get().getStatus();
    assertThat(status.getViolations()).isEqualTo(1);
    assertThat(status.getViolatingPods()).containsExactly(NS + "/unsigned");
    assertThat(condition(status).getStatus()).isEqualTo("True");
    assertThat(pod("unsigned").getMetadata().getAnnotations().get(PodMarks.KEY))
        .contains(
            "denied by ClusterImageSecurityPolicy baseline: no valid attestation by authority"
                + " dikast/qa");
    assertThat(status().getViolatingPods())
        .as("the namespace's own policy lists its pods by name")
        .containsExactly("unsigned");
  }

  @Test
  void whatIfOnAClusterPolicyJudgesEverySelectedNamespaceAndNamesPodsWithTheirNamespace()
      throws Exception {
    baseline(EnforcementMode.DRY_RUN, Map.of(WhatIfRun.ANNOTATION, "before-enforcing"));
    createPod("signed", SIGNED);
    createPod("unsigned", UNSIGNED);

    int answered = whatIf(grafeasClients).answer(PolicyObjects.list(client));

    assertThat(answered).isOne();
    ClusterImageSecurityPolicy baseline =
        client.resources(ClusterImageSecurityPolicy.class).withName("baseline").get();
    WhatIf whatIf = baseline.getStatus().getWhatIf();
    assertThat(whatIf.getRequest()).isEqualTo("before-enforcing");
    assertThat(whatIf.getPods()).isEqualTo(2);
    assertThat(whatIf.getWouldDeny()).isOne();
    assertThat(whatIf.getDeniedPods())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith(
                        NS
                            + "/unsigned: image "
                            + UNSIGNED
                            + " denied by ClusterImageSecurityPolicy baseline: no valid attestation"
                            + " by authority dikast/qa"));
    assertThat(baseline.getMetadata().getAnnotations()).doesNotContainKey(WhatIfRun.ANNOTATION);
    assertThat(labels("unsigned")).doesNotContainKey(PodMarks.KEY);
  }

  @Test
  void seesARevokedAttestationOnceTheCachedFactExpiresAndClearsTheMarkOnceReUploaded()
      throws Exception {
    createPod("signed", SIGNED);
    ValidationRun run = run(grafeasClients);
    run.run();
    assertThat(labels("signed")).doesNotContainKey(PodMarks.KEY);

    signer.deleteOccurrence(DeleteOccurrenceRequest.newBuilder().setName(signedOccurrence).build());
    run.run();
    Map<String, String> stillCached = labels("signed");
    ticker.advance(CacheSettings.defaults().positiveTtl());
    run.run();
    Map<String, String> revoked = labels("signed");
    signedOccurrence = attest(SIGNED);
    ticker.advance(CacheSettings.defaults().negativeTtl());
    run.run();

    // Within positive-ttl of the deletion the run still counts the verified fact, as admission
    // does.
    assertThat(stillCached).doesNotContainKey(PodMarks.KEY);

    assertThat(revoked).containsEntry(PodMarks.KEY, PodMarks.LABEL_VALUE);
    assertThat(labels("signed")).doesNotContainKey(PodMarks.KEY);
    assertThat(pod("signed").getMetadata().getAnnotations()).doesNotContainKey(PodMarks.KEY);
    assertThat(status().getViolations()).isZero();
    assertThat(violationEvents()).hasSize(1);
  }

  @Test
  void aRunOverPodsWhoseFactsAreCachedAsksGrafeasNothing() throws Exception {
    createPod("signed", SIGNED);
    createPod("replica", SIGNED);
    ValidationRun run = run(grafeasClients);

    run.run();
    double asked = registry.get("dikast.verification.cache.misses").counter().count();
    run.run();

    assertThat(asked).isEqualTo(1);
    assertThat(registry.get("dikast.verification.cache.misses").counter().count()).isEqualTo(1);
    assertThat(labels("replica")).doesNotContainKey(PodMarks.KEY);
  }

  @Test
  void reportsAGrafeasOutageInStatusWithoutMarkingPods() throws Exception {
    createPod("unsigned", UNSIGNED);
    try (GrafeasClients.Closeable unreachable =
        GrafeasClients.plaintext("127.0.0.1:1", Duration.ofMillis(500))) {
      run(unreachable).run();
    }

    assertThat(labels("unsigned")).doesNotContainKey(PodMarks.KEY);
    PolicyStatus status = status();
    assertThat(status.getViolations()).isNull();
    assertThat(condition(status).getStatus()).isEqualTo("False");
    assertThat(condition(status).getReason()).isEqualTo(ValidationStatuses.GRAFEAS_UNAVAILABLE);
    assertThat(violationEvents()).isEmpty();
  }

  @Test
  void removesTheTriggerAnnotationAfterTheRun() throws Exception {
    client
        .resources(ImageSecurityPolicy.class)
        .inNamespace(NS)
        .withName("qa-only")
        .edit(
            policy -> {
              policy.getMetadata().setAnnotations(Map.of(ValidationRun.TRIGGER_ANNOTATION, "now"));
              return policy;
            });
    ValidationRun run = run(grafeasClients);
    boolean triggered = ValidationRun.triggered(PolicyObjects.list(client));

    run.run();

    assertThat(triggered).isTrue();
    assertThat(ValidationRun.triggered(PolicyObjects.list(client))).isFalse();
  }

  @Test
  void whatIfReportsThePodsADryRunPolicyWouldDenyWithoutMarkingThem() throws Exception {
    view.putPolicy(qaOnly(EnforcementMode.DRY_RUN));
    createPod("signed", SIGNED);
    createPod("unsigned", UNSIGNED);
    annotate(WhatIfRun.ANNOTATION, "now");

    int answered = whatIf(grafeasClients).answer(PolicyObjects.list(client));

    assertThat(answered).isOne();
    WhatIf whatIf = status().getWhatIf();
    assertThat(whatIf.getRequest()).isEqualTo("now");
    assertThat(whatIf.getPods()).isEqualTo(2);
    assertThat(whatIf.getWouldDeny()).isOne();
    assertThat(whatIf.getUnknown()).isZero();
    assertThat(whatIf.getDeniedPods()).containsExactly("unsigned: " + UNSIGNED_DENIAL);
    assertThat(whatIf.getEvaluatedAt()).isEqualTo("2026-11-28T03:00:00Z");
    assertThat(labels("unsigned")).doesNotContainKey(PodMarks.KEY);
    assertThat(status().getViolations()).isNull();
    assertThat(violationEvents()).isEmpty();
    assertThat(
            client
                .resources(ImageSecurityPolicy.class)
                .inNamespace(NS)
                .withName("qa-only")
                .get()
                .getMetadata()
                .getAnnotations())
        .doesNotContainKey(WhatIfRun.ANNOTATION);
    assertThat(whatIf(grafeasClients).answer(PolicyObjects.list(client))).isZero();
  }

  @Test
  void whatIfCountsPodsItCouldNotCheckApart() throws Exception {
    createPod("unsigned", UNSIGNED);
    annotate(WhatIfRun.ANNOTATION, "before-rollout");
    try (GrafeasClients.Closeable unreachable =
        GrafeasClients.plaintext("127.0.0.1:1", Duration.ofMillis(500))) {
      whatIf(unreachable).answer(PolicyObjects.list(client));
    }

    WhatIf whatIf = status().getWhatIf();
    assertThat(whatIf.getRequest()).isEqualTo("before-rollout");
    assertThat(whatIf.getPods()).isOne();
    assertThat(whatIf.getWouldDeny()).isZero();
    assertThat(whatIf.getUnknown()).isOne();
  }

  @Test
  void leavesFinishedPodsAlone() throws Exception {
    client
        .pods()
        .resource(
            new PodBuilder(newPod("done", UNSIGNED))
                .withNewStatus()
                .withPhase("Succeeded")
                .endStatus()
                .build())
        .create();

    run(grafeasClients).run();

    assertThat(labels("done")).doesNotContainKey(PodMarks.KEY);
    assertThat(status().getViolations()).isZero();
  }

  private ValidationRun run(GrafeasClients.Closeable grafeasClients) {
    DikastMetrics metrics = new DikastMetrics(registry);
    if (facts == null) {
      facts =
          new FactResolver(
              new AttestationFactFinder(grafeasClients.source(), NoBuilds.SOURCE, metrics),
              NoRegistry.finder(metrics),
              RegistryCredentials.NONE,
              cache,
              metrics,
              VerificationSettings.defaults(),
              Duration.ofSeconds(2));
      vulnerabilities =
          new VulnerabilityResolver(
              grafeasClients.vulnerabilities(), VerificationSettings.defaults());
    }
    return new ValidationRun(
        client,
        view,
        new PodEvaluator(facts, vulnerabilities, Pacer.realTime(1000)),
        WarningEventsAccess.of(client),
        new ValidationMetrics(registry),
        Duration.ofSeconds(5),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /**
   * The cluster policy {@code baseline} requiring {@code dikast/qa} (the same key as the
   * namespace's qa), in the view and as an object with {@code annotations}, selecting {@link #NS}.
   */
  private void baseline(EnforcementMode mode, Map<String, String> annotations) {
    view.putNamespace(NS, Map.of());
    view.putAuthority(ResolvedAuthority.of("dikast", "qa", NOTE, List.of(trustedKey), true));
    view.putClusterPolicy(
        new ClusterPolicy(
            new Policy(
                PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY,
                "",
                "baseline",
                List.of(),
                List.of("dikast/qa"),
                0,
                mode,
                BreakglassMode.ALLOW,
                BackendUnavailableMode.DENY),
            NamespaceSelection.of(null, List.of(), "dikast")));
    ClusterImageSecurityPolicy baseline = new ClusterImageSecurityPolicy();
    baseline.getMetadata().setName("baseline");
    baseline.getMetadata().setAnnotations(annotations);
    baseline.setSpec(new ClusterImageSecurityPolicySpec());
    client.resource(baseline).create();
  }

  private static Policy qaOnly(EnforcementMode mode) {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        NS,
        "qa-only",
        List.of(),
        List.of("qa"),
        0,
        mode,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }

  private WhatIfRun whatIf(GrafeasClients.Closeable grafeasClients) {
    run(grafeasClients);
    return new WhatIfRun(
        client,
        view,
        new WhatIfEvaluator(
            client,
            view,
            new PodEvaluator(facts, vulnerabilities, Pacer.realTime(1000)),
            Duration.ofSeconds(5),
            Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private void annotate(String key, String value) {
    client
        .resources(ImageSecurityPolicy.class)
        .inNamespace(NS)
        .withName("qa-only")
        .edit(
            policy -> {
              policy.getMetadata().setAnnotations(Map.of(key, value));
              return policy;
            });
  }

  private static String attest(String image) {
    ImageReference reference = ImageReference.parse(image);
    byte[] payload = Occurrences.atomicPayload(reference);
    Occurrence occurrence =
        Occurrences.attestation(NOTE, reference, payload, key.sign(payload), trustedKey.keyId());
    return signer
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .createOccurrence(
            CreateOccurrenceRequest.newBuilder()
                .setParent("projects/image-signing")
                .setOccurrence(occurrence)
                .build())
        .getName();
  }

  private void createPod(String name, String image) {
    client
        .pods()
        .resource(
            new PodBuilder(newPod(name, image))
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build())
        .create();
  }

  private static Pod newPod(String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  private Map<String, String> labels(String name) {
    Map<String, String> labels = pod(name).getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private PolicyStatus status() {
    return client
        .resources(ImageSecurityPolicy.class)
        .inNamespace(NS)
        .withName("qa-only")
        .get()
        .getStatus();
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(PolicyStatus status) {
    return status.getConditions().stream()
        .filter(c -> ValidationStatuses.VALIDATED.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private List<Event> violationEvents() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(event -> ValidationRun.VIOLATION_EVENT.equals(event.getReason()))
        .toList();
  }
}
