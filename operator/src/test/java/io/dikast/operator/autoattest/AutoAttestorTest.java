package io.dikast.operator.autoattest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicySpec;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.vulnerability.SeverityLimit;
import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.Workload;
import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.dikast.operator.grafeas.GrafeasClients;
import io.dikast.operator.ha.Leadership;
import io.dikast.operator.ha.Leaderships;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.NoBuilds;
import io.dikast.operator.verification.VerificationSettings;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.ListOccurrencesRequest;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Severity;
import io.grafeas.v1.Version;
import io.grafeas.v1.VulnerabilityNote;
import io.grafeas.v1.VulnerabilityOccurrence;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auto-attestation against the Kubernetes mock server and the real Grafeas server, seeded with a
 * scanner's findings; the signing key is a PKCS#8 PEM made by JCA in the test.
 */
@EnableKubernetesMockClient(crud = true)
class AutoAttestorTest {

  private static final String NS = "payments";
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final String REPOSITORY = "gcr.io/hightowerlabs/payment@sha256:";
  private static final String CLEAN = REPOSITORY + "c".repeat(64);
  private static final String VULNERABLE = REPOSITORY + "d".repeat(64);
  private static final String CVE_NOTE = "projects/goog-vulnz/notes/CVE-2024-2001";
  private static final String LOW_NOTE = "projects/goog-vulnz/notes/CVE-2024-2002";

  private static GrafeasServerProcess grafeas;
  private static ManagedChannel channel;
  private static GrafeasGrpc.GrafeasBlockingStub stub;
  private static String privateKeyPem;
  private static TrustedKey trustedKey;

  KubernetesClient client;

  private final PolicySetView view = new PolicySetView("dikast");
  private GrafeasClients.Closeable clients;
  private VulnerabilityResolver vulnerabilities;
  private OccurrenceUploader uploader;
  private AttestationFactFinder finder;
  private AutoAttestor attestor;

  @BeforeAll
  static void seedGrafeas() throws Exception {
    grafeas = GrafeasServerProcess.built().start();
    channel = ManagedChannelBuilder.forTarget(grafeas.address()).usePlaintext().build();
    stub = GrafeasGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    stub.createNote(
        CreateNoteRequest.newBuilder()
            .setParent("projects/image-signing")
            .setNoteId("qa")
            .setNote(Note.newBuilder().setAttestation(AttestationNote.getDefaultInstance()))
            .build());
    for (String cve : List.of(CVE_NOTE, LOW_NOTE)) {
      stub.createNote(
          CreateNoteRequest.newBuilder()
              .setParent("projects/goog-vulnz")
              .setNoteId(cve.substring(cve.lastIndexOf('/') + 1))
              .setNote(Note.newBuilder().setVulnerability(VulnerabilityNote.getDefaultInstance()))
              .build());
    }
    report(CLEAN, LOW_NOTE, Severity.LOW);
    report(VULNERABLE, CVE_NOTE, Severity.CRITICAL);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    privateKeyPem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    trustedKey =
        KeyParser.parsePkix(
            null, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "ECDSA_P256_SHA256");
  }

  @AfterAll
  static void stopGrafeas() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    grafeas.close();
  }

  @BeforeEach
  void setUp() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(NS)
                .withName("qa-signer")
                .endMetadata()
                .withStringData(
                    Map.of(
                        SigningSecret.PRIVATE_KEY,
                        privateKeyPem,
                        SigningSecret.ALGORITHM,
                        "ECDSA_P256_SHA256"))
                .build())
        .create();
    ImageSecurityPolicy policy = new ImageSecurityPolicy();
    policy.getMetadata().setNamespace(NS);
    policy.getMetadata().setName("scanned");
    ImageSecurityPolicySpec spec = new ImageSecurityPolicySpec();
    spec.setPrivateKeySecretName("qa-signer");
    policy.setSpec(spec);
    client.resource(policy).create();
    view.putAuthority(ResolvedAuthority.of(NS, "qa", NOTE, List.of(trustedKey), true));
    view.putPolicy(
        new Policy(
            PolicyKind.IMAGE_SECURITY_POLICY,
            NS,
            "scanned",
            List.of(),
            List.of("qa"),
            0,
            EnforcementMode.ENFORCE,
            BreakglassMode.ALLOW,
            BackendUnavailableMode.DENY,
            Policy.DEFAULT_CACHED_FACTS_MAX_AGE,
            Optional.of(
                new VulnerabilityRequirements(
                    SeverityLimit.HIGH, SeverityLimit.ALLOW_ALL, List.of()))));
    view.markLoaded();
    clients = GrafeasClients.plaintext(grafeas.address(), Duration.ofSeconds(2));
    DikastMetrics metrics = new DikastMetrics(new SimpleMeterRegistry());
    vulnerabilities =
        new VulnerabilityResolver(clients.vulnerabilities(), VerificationSettings.defaults());
    finder = new AttestationFactFinder(clients.source(), NoBuilds.SOURCE, metrics);
    uploader =
        new OccurrenceUploader(
            GrafeasClientSettings.plaintext(grafeas.address(), Duration.ofSeconds(5)));
    attestor = attestor(Leaderships.leader());
  }

  private AutoAttestor attestor(Leadership leadership) {
    return new AutoAttestor(
        view,
        new PolicySigner(client, view, vulnerabilities, finder, uploader, new AutoAttestSettings()),
        new AutoAttestSettings(),
        leadership);
  }

  @AfterEach
  void tearDown() {
    attestor.close();
    uploader.close();
    vulnerabilities.close();
    clients.close();
  }

  @Test
  void attestsAnImageThatPassesTheVulnerabilityRequirementsWithTheAuthoritysKey() {
    attestor.submit(pod(CLEAN)).join();

    assertThat(verify(CLEAN)).isEqualTo(new AttestationFact.Verified(trustedKey.keyId()));
  }

  @Test
  void attestsNothingOnAReplicaThatDoesNotHoldTheLeaseAndLeavesTheDigestToTheLeader() {
    String image = REPOSITORY + "b".repeat(64);
    report(image, LOW_NOTE, Severity.LOW);
    AutoAttestor follower = attestor(Leaderships.follower());
    try {
      follower.submit(pod(image)).join();
    } finally {
      follower.close();
    }
    assertThat(attestations(image)).isEmpty();

    attestor.submit(pod(image)).join();

    assertThat(attestations(image)).hasSize(1);
  }

  @Test
  void attestsNothingForAnImageWithACriticalVulnerability() {
    attestor.submit(pod(VULNERABLE)).join();

    assertThat(attestations(VULNERABLE)).isEmpty();
  }

  @Test
  void attestsADigestOnceHoweverOftenItIsAdmitted() {
    String image = REPOSITORY + "e".repeat(64);
    report(image, LOW_NOTE, Severity.LOW);

    attestor.submit(pod(image)).join();
    attestor.submit(pod(image)).join();

    assertThat(attestations(image)).hasSize(1);
  }

  @Test
  void attestsNothingWhenThePolicyNamesNoSigningSecret() {
    String image = REPOSITORY + "f".repeat(64);
    report(image, LOW_NOTE, Severity.LOW);
    client
        .resources(ImageSecurityPolicy.class)
        .inNamespace(NS)
        .withName("scanned")
        .edit(
            policy -> {
              policy.getSpec().setPrivateKeySecretName(null);
              return policy;
            });

    attestor.submit(pod(image)).join();

    assertThat(attestations(image)).isEmpty();
  }

  private AttestationFact verify(String image) {
    return finder.find(
        NOTE,
        List.of(trustedKey),
        ImageReference.parse(image),
        Deadline.after(10, TimeUnit.SECONDS));
  }

  private static List<Occurrence> attestations(String image) {
    return stub.listOccurrences(
            ListOccurrencesRequest.newBuilder()
                .setParent("projects/image-signing")
                .setFilter("resourceUrl=\"" + ImageReference.parse(image).resourceUri() + "\"")
                .build())
        .getOccurrencesList();
  }

  private static Workload pod(String image) {
    return new Workload(
        "Pod",
        NS,
        "payment",
        List.of(new ContainerImage("app", ContainerType.CONTAINER, image)),
        false);
  }

  private static void report(String image, String noteName, Severity severity) {
    stub.createOccurrence(
        CreateOccurrenceRequest.newBuilder()
            .setParent("projects/kritis")
            .setOccurrence(
                Occurrence.newBuilder()
                    .setResourceUri(ImageReference.parse(image).resourceUri())
                    .setNoteName(noteName)
                    .setVulnerability(
                        VulnerabilityOccurrence.newBuilder()
                            .setEffectiveSeverity(severity)
                            .addPackageIssue(
                                VulnerabilityOccurrence.PackageIssue.newBuilder()
                                    .setAffectedPackage("openssl")
                                    .setFixedVersion(
                                        Version.newBuilder()
                                            .setKind(Version.VersionKind.NORMAL)
                                            .setName("1.0")))))
            .build());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** The defaults, without a Quarkus config source. */
  private static final class AutoAttestSettings implements AutoAttestConfig {
    @Override
    public Duration rememberFor() {
      return Duration.ofHours(1);
    }

    @Override
    public Duration budget() {
      return Duration.ofSeconds(10);
    }

    @Override
    public int queue() {
      return 16;
    }
  }
}
