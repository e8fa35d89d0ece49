package io.dikast.verifier.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.key.KeyException;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.engine.vulnerability.Severity;
import io.dikast.engine.vulnerability.Vulnerability;
import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.Workload;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.dikast.verifier.grafeas.VulnerabilitySource;
import io.dikast.verifier.policy.PolicyMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpc.Deadline;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkloadVerifierTest {

  private static final String IMAGE = "gcr.io/hightowerlabs/payment@sha256:" + "ab".repeat(32);
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final AttestationSource NO_OCCURRENCES = (note, image, budget) -> List.of();
  private static final VulnerabilitySource NO_VULNERABILITIES = (image, budget) -> List.of();

  private static OpenSsl openSsl;
  private static TrustedKey key;

  @BeforeAll
  static void makeKey() throws KeyException {
    openSsl = OpenSsl.start();
    key = KeyParser.parsePkix(null, openSsl.ecKey("P-256").publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @AfterAll
  static void removeKeys() {
    openSsl.close();
  }

  @Test
  void deniesWhenThePolicyNamesAnAuthorityTheNamespaceLacks() {
    Decision decision =
        new WorkloadVerifier(NO_OCCURRENCES, NO_VULNERABILITIES)
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
        new WorkloadVerifier(NO_OCCURRENCES, NO_VULNERABILITIES)
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
        new WorkloadVerifier(missingNote, NO_VULNERABILITIES)
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
        new WorkloadVerifier(down, NO_VULNERABILITIES)
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
        new WorkloadVerifier(NO_OCCURRENCES, critical)
            .decide(pod(), List.of(policy(limits)), authorities(), deadline());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials()).hasSize(1);
    assertThat(decision.denials().get(0)).contains("CVE-2024-0001");
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
