package io.dikast.verifier.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.attestation.CosignSignature;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyException;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.testing.BashPae;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.engine.vulnerability.Severity;
import io.dikast.engine.vulnerability.Vulnerability;
import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.PullSecrets;
import io.dikast.engine.workload.Workload;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.BuildOccurrences;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.dikast.verifier.grafeas.ProvenanceSource;
import io.dikast.verifier.grafeas.VulnerabilitySource;
import io.dikast.verifier.policy.PolicyMapper;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.CosignSettings;
import io.dikast.verifier.registry.CosignSignatureSource;
import io.dikast.verifier.registry.RegistryCredential;
import io.dikast.verifier.registry.RegistryCredentials;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadVerifierTest {

  private static final String IMAGE = "gcr.io/hightowerlabs/payment@sha256:" + "ab".repeat(32);
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final String CI_NOTE = "projects/ci/notes/builder";
  private static final AttestationSource NO_OCCURRENCES = (note, image, budget) -> List.of();
  private static final VulnerabilitySource NO_VULNERABILITIES = (image, budget) -> List.of();
  private static final ProvenanceSource NO_BUILDS = (note, image, budget) -> List.of();

  private static final String IMAGE_DIGEST = "sha256:" + "ab".repeat(32);
  private static final AttestationSource NO_GRAFEAS =
      (note, image, budget) -> {
        throw new AssertionError("an authority without a note asked Grafeas");
      };
  private static final CosignSignatureSource NO_REGISTRY =
      (lookup, budget) -> {
        throw new AssertionError("an authority without a cosign source asked a registry");
      };

  @TempDir static Path dir;
  private static OpenSsl openSsl;
  private static OpenSsl.Key keyPair;
  private static TrustedKey key;

  @BeforeAll
  static void makeKey() throws KeyException {
    openSsl = OpenSsl.start();
    keyPair = openSsl.ecKey("P-256");
    key = KeyParser.parsePkix(null, keyPair.publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @AfterAll
  static void removeKeys() {
    openSsl.close();
  }

  @Test
  void deniesWhenThePolicyNamesAnAuthorityTheNamespaceLacks() {
    Decision decision =
        grafeasOnly(NO_OCCURRENCES, NO_VULNERABILITIES)
            .decide(pod(), List.of(policy("")), Map.of(), deadline());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + IMAGE
                + " denied by ImageSecurityPolicy payments/require-qa: no valid attestation by"
                + " authority qa (qa: authority qa is not defined in namespace payments)");
  }

  @Test
  void deniesWhenTheAuthorityHasNoUsableKey() {
    Decision decision =
        grafeasOnly(NO_OCCURRENCES, NO_VULNERABILITIES)
            .decide(
                pod(),
                List.of(policy("")),
                Map.of("qa", new KnownAuthority("qa", NOTE, List.of(), false)),
                deadline());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + IMAGE
                + " denied by ImageSecurityPolicy payments/require-qa: no valid attestation by"
                + " authority qa (qa: authority qa is not ready: it has no valid public key)");
  }

  @Test
  void asksGrafeasUnderTheAuthoritysNoteAndReportsAMissingNote() {
    AttestationSource missingNote =
        (note, image, budget) -> {
          throw new NoteNotFoundException(note);
        };

    Decision decision =
        grafeasOnly(missingNote, NO_VULNERABILITIES)
            .decide(pod(), List.of(policy("")), authorities(), deadline());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials().get(0)).contains("(qa: note " + NOTE);
  }

  @Test
  void namesTheOutageWhenGrafeasCannotAnswer() {
    AttestationSource down =
        (note, image, budget) -> {
          throw new BackendUnavailableException("Grafeas at localhost:1 is unavailable");
        };

    Decision decision =
        grafeasOnly(down, NO_VULNERABILITIES)
            .decide(pod(), List.of(policy("")), authorities(), deadline());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + IMAGE
                + " denied by ImageSecurityPolicy payments/require-qa: attestation backend"
                + " unavailable (Grafeas at localhost:1 is unavailable)");
  }

  @Test
  void judgesTheVulnerabilitiesGrafeasReports() {
    VulnerabilitySource critical =
        (image, budget) ->
            List.of(
                new Vulnerability(
                    "projects/goog-vulnz/notes/CVE-2024-0001", Severity.CRITICAL, List.of(), true));
    String limits = "packageVulnerabilityRequirements: {maximumSeverity: HIGH}\n";

    Decision decision =
        grafeasOnly(NO_OCCURRENCES, critical)
            .decide(pod(), List.of(policy(limits)), authorities(), deadline());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials()).hasSize(1);
    assertThat(decision.denials().get(0)).contains("CVE-2024-0001");
  }

  @Test
  void cosignOnlyAuthorityAdmitsAnImageItsKeySignedInTheRegistry() {
    CosignSignatureSource registry = (lookup, budget) -> List.of(cosignSignature(IMAGE_DIGEST));

    Decision decision =
        verifier(NO_GRAFEAS, registry, RegistryCredentials.NONE)
            .decide(pod(), List.of(policy("")), cosignAuthority(""), deadline());

    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void cosignSignatureOverAnotherDigestIsDenied() {
    CosignSignatureSource registry =
        (lookup, budget) -> List.of(cosignSignature("sha256:" + "cd".repeat(32)));

    Decision decision =
        verifier(NO_GRAFEAS, registry, RegistryCredentials.NONE)
            .decide(pod(), List.of(policy("")), cosignAuthority(""), deadline());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials().get(0)).contains("cosign payload binds").contains("cdcd");
  }

  @Test
  void unsignedImageIsDeniedNamingTheSignatureTagItLookedFor() {
    CosignSignatureSource registry = (lookup, budget) -> List.of();

    Decision decision =
        verifier(NO_GRAFEAS, registry, RegistryCredentials.NONE)
            .decide(pod(), List.of(policy("")), cosignAuthority(""), deadline());

    assertThat(decision.denials().get(0))
        .contains(
            "no cosign signature for "
                + IMAGE
                + " (no gcr.io/hightowerlabs/payment:sha256-"
                + "ab".repeat(32)
                + ".sig)");
  }

  @Test
  void eitherPlaceCountsWhenTheAuthorityHasANoteAndACosignSource() {
    CosignSignatureSource registry = (lookup, budget) -> List.of(cosignSignature(IMAGE_DIGEST));

    Decision decision =
        verifier(NO_OCCURRENCES, registry, RegistryCredentials.NONE)
            .decide(pod(), List.of(policy("")), cosignAuthority(NOTE), deadline());

    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void unreachableRegistryIsAnOutageEvenWhenGrafeasHasNothing() {
    CosignSignatureSource down =
        (lookup, budget) -> {
          throw new BackendUnavailableException("registry gcr.io is unreachable (refused)");
        };

    Decision decision =
        verifier(NO_OCCURRENCES, down, RegistryCredentials.NONE)
            .decide(pod(), List.of(policy("")), cosignAuthority(NOTE), deadline());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials().get(0)).contains("registry gcr.io is unreachable (refused)");
  }

  @Test
  void unreachableRegistryAdmitsWithAWarningWhereThePolicyAllowsOutages() {
    CosignSignatureSource down =
        (lookup, budget) -> {
          throw new BackendUnavailableException("registry gcr.io is unreachable (refused)");
        };

    Decision decision =
        verifier(NO_GRAFEAS, down, RegistryCredentials.NONE)
            .decide(
                pod(),
                List.of(policy("onBackendUnavailable: Allow\n")),
                cosignAuthority(""),
                deadline());

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings()).singleElement().asString().contains("registry gcr.io");
  }

  @Test
  void registryLookupUsesTheSignatureRepositoryAndTheWorkloadsPullSecrets() {
    List<CosignLookup> asked = new ArrayList<>();
    List<String> credentialQuestions = new ArrayList<>();
    RegistryCredentials credentials =
        (repository, namespace, authoritySecret, pullSecrets) -> {
          credentialQuestions.add(
              repository
                  + " "
                  + namespace
                  + " "
                  + authoritySecret.orElse("-")
                  + " "
                  + pullSecrets.serviceAccountName()
                  + " "
                  + pullSecrets.imagePullSecrets());
          return List.of(new RegistryCredential("robot", "s3cret", "test"));
        };
    CosignSignatureSource registry =
        (lookup, budget) -> {
          asked.add(lookup);
          return List.of(cosignSignature(IMAGE_DIGEST));
        };
    KnownAuthority authority =
        new KnownAuthority(
            "qa",
            "",
            List.of(key),
            true,
            Optional.of(
                new CosignSettings(
                    Optional.of("registry.example.com/signatures"),
                    Optional.of("qa-registry"),
                    Optional.of("PEM"),
                    true)));
    Workload pod =
        new Workload(
            "Pod",
            "payments",
            "payment-processor",
            List.of(new ContainerImage("app", ContainerType.CONTAINER, IMAGE)),
            false,
            List.of(),
            new PullSecrets("builder", List.of("pull-a", "pull-b")));

    Decision decision =
        verifier(NO_GRAFEAS, registry, credentials)
            .decide(pod, List.of(policy("")), Map.of("qa", authority), deadline());

    assertThat(decision.allowed()).isTrue();
    assertThat(credentialQuestions)
        .containsExactly(
            "registry.example.com/signatures payments qa-registry builder [pull-a, pull-b]");
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0).repository()).isEqualTo("registry.example.com/signatures");
    assertThat(asked.get(0).access().credentials())
        .extracting(RegistryCredential::username)
        .containsExactly("robot");
    assertThat(asked.get(0).access().caBundlePem()).contains("PEM");
    assertThat(asked.get(0).access().plainHttp()).isTrue();
  }

  @Test
  void authorityWithNeitherNoteNorCosignVerifiesNothing() {
    Decision decision =
        verifier(NO_GRAFEAS, NO_REGISTRY, RegistryCredentials.NONE)
            .decide(
                pod(),
                List.of(policy("")),
                Map.of("qa", new KnownAuthority("qa", "", List.of(key), true)),
                deadline());

    assertThat(decision.denials().get(0))
        .contains("authority qa names no noteReference and no cosign source");
  }

  @Test
  void provenanceRequirementsAreMetByASignedBuildOccurrenceUnderTheAuthoritysNote()
      throws Exception {
    List<String> asked = new ArrayList<>();
    Occurrence build = signedBuild();
    ProvenanceSource builds =
        (note, image, budget) -> {
          asked.add(note);
          return List.of(build);
        };
    Map<String, KnownAuthority> ci =
        Map.of("ci", new KnownAuthority("ci", CI_NOTE, List.of(key), true));

    Decision allowed =
        withBuilds(builds)
            .decide(
                pod(),
                List.of(provenancePolicy("https://github.com/slsa-framework/**")),
                ci,
                deadline());
    Decision denied =
        withBuilds(builds)
            .decide(pod(), List.of(provenancePolicy("https://ci.acme.example/*")), ci, deadline());

    assertThat(allowed.allowed()).isTrue();
    assertThat(asked).containsExactly(CI_NOTE, CI_NOTE);
    assertThat(denied.denials())
        .containsExactly(
            "image "
                + IMAGE
                + " denied by ImageSecurityPolicy payments/provenance: provenance by authority ci"
                + " names builder https://github.com/slsa-framework/slsa-github-generator/"
                + ".github/workflows/generator_container_slsa3.yml@refs/tags/v2.0.0, not one of"
                + " https://ci.acme.example/*");
  }

  @Test
  void provenanceIsNeverReadFromTheRegistryOfAnAuthorityWithoutANote() {
    KnownAuthority cosignOnly =
        new KnownAuthority(
            "ci",
            "",
            List.of(key),
            true,
            Optional.of(
                new CosignSettings(Optional.empty(), Optional.empty(), Optional.empty(), false)));

    Decision decision =
        verifier(NO_GRAFEAS, NO_REGISTRY, RegistryCredentials.NONE)
            .decide(pod(), List.of(provenancePolicy("**")), Map.of("ci", cosignOnly), deadline());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + IMAGE
                + " denied by ImageSecurityPolicy payments/provenance: no valid provenance by"
                + " authority ci (ci: authority ci names no noteReference to read build"
                + " provenance under)");
  }

  /**
   * payment's provenance statement, about this test's digest, signed by openssl over bash's PAE.
   */
  private static Occurrence signedBuild() throws Exception {
    byte[] statement;
    try (InputStream in =
        WorkloadVerifierTest.class.getResourceAsStream("/provenance/payment-v1.json")) {
      statement =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace(
                  "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887",
                  "ab".repeat(32))
              .getBytes(StandardCharsets.UTF_8);
    }
    byte[] signature =
        openSsl.sign(
            keyPair, "SHA256", BashPae.encode(dir, "application/vnd.in-toto+json", statement));
    return BuildOccurrences.of(CI_NOTE, ImageReference.parse(IMAGE), statement, signature, "");
  }

  private static Policy provenancePolicy(String builderPattern) {
    return PolicyMapper.toPolicy(
        new KubernetesSerialization()
            .unmarshal(
                "apiVersion: kritis.grafeas.io/v1beta1\n"
                    + "kind: ImageSecurityPolicy\n"
                    + "metadata: {name: provenance, namespace: payments}\n"
                    + "spec:\n"
                    + "  provenanceRequirements:\n"
                    + "  - authorityName: ci\n"
                    + "    builderIdPatterns: ['"
                    + builderPattern
                    + "']\n",
                ImageSecurityPolicy.class));
  }

  private static WorkloadVerifier withBuilds(ProvenanceSource builds) {
    return new WorkloadVerifier(
        NO_GRAFEAS, builds, NO_VULNERABILITIES, NO_REGISTRY, RegistryCredentials.NONE);
  }

  private static CosignSignature cosignSignature(String digest) {
    byte[] payload =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\"gcr.io/hightowerlabs/payment\"},"
                + "\"image\":{\"docker-manifest-digest\":\""
                + digest
                + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
            .getBytes(StandardCharsets.UTF_8);
    return new CosignSignature(
        payload,
        Base64.getEncoder().encodeToString(openSsl.sign(keyPair, "SHA256", payload)),
        null);
  }

  private static Map<String, KnownAuthority> cosignAuthority(String note) {
    return Map.of(
        "qa",
        new KnownAuthority(
            "qa",
            note,
            List.of(key),
            true,
            Optional.of(
                new CosignSettings(Optional.empty(), Optional.empty(), Optional.empty(), false))));
  }

  private static WorkloadVerifier grafeasOnly(
      AttestationSource attestations, VulnerabilitySource vulnerabilities) {
    return new WorkloadVerifier(
        attestations, NO_BUILDS, vulnerabilities, NO_REGISTRY, RegistryCredentials.NONE);
  }

  private static WorkloadVerifier verifier(
      AttestationSource attestations,
      CosignSignatureSource signatures,
      RegistryCredentials credentials) {
    return new WorkloadVerifier(
        attestations, NO_BUILDS, NO_VULNERABILITIES, signatures, credentials);
  }

  private static Map<String, KnownAuthority> authorities() {
    return Map.of("qa", new KnownAuthority("qa", NOTE, List.of(key), true));
  }

  private static Workload pod() {
    return new Workload(
        "Pod",
        "payments",
        "payment-processor",
        List.of(new ContainerImage("app", ContainerType.CONTAINER, IMAGE)),
        false);
  }

  private static Policy policy(String more) {
    return PolicyMapper.toPolicy(
        new KubernetesSerialization()
            .unmarshal(
                "apiVersion: kritis.grafeas.io/v1beta1\n"
                    + "kind: ImageSecurityPolicy\n"
                    + "metadata: {name: require-qa, namespace: payments}\n"
                    + "spec:\n"
                    + ("attestationAuthorityName: qa\n" + more).indent(2),
                ImageSecurityPolicy.class));
  }

  private static Deadline deadline() {
    return Deadline.after(10, TimeUnit.SECONDS);
  }
}
