package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.engine.workload.GroupKind;
import io.dikast.engine.workload.PodSpecKind;
import io.dikast.operator.grafeas.GrafeasClients;
import io.dikast.operator.grafeas.SilentServer;
import io.dikast.operator.grafeas.StubGrafeas;
import io.dikast.operator.policyset.ClusterPolicy;
import io.dikast.operator.policyset.NamespaceSelection;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.operator.verification.InMemoryAttestations;
import io.dikast.operator.verification.Occurrences;
import io.dikast.verifier.grafeas.AttestationSource;
import io.grafeas.v1.Occurrence;
import io.grpc.Status;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the webhook, each named for what it tries; every one must be denied, with the message
 * the user would read. Real gpg and openssl keys; Grafeas outages against real loopback servers.
 */
class AdmissionAttackTest {

  private static final String NS = "payments";
  private static final String QA_NOTE = "projects/image-signing/notes/qa";
  private static final String SECURITY_NOTE = "projects/image-signing/notes/security";
  private static final String RELEASE_NOTE = "projects/image-signing/notes/release";
  private static final ImageReference IMAGE = ImageReference.parse(PAYMENT);
  private static final String DIGEST = IMAGE.digest().orElseThrow();
  private static final String OTHER_DIGEST_IMAGE =
      "gcr.io/hightowerlabs/payment@sha256:" + "1".repeat(64);
  private static final String OTHER_REPOSITORY_IMAGE =
      "gcr.io/hightowerlabs/payment-canary@" + DIGEST;
  private static final String RUBY = "docker.io/library/ruby@sha256:" + "2".repeat(64);
  private static final String QA_ONLY = "ImageSecurityPolicy payments/qa-only";
  private static final PodSpecKind RUNNER_WORKERS =
      new PodSpecKind(new GroupKind("ci.example.com", "Runner"), "/spec/workers/pod");
  private static final String MISSING_QA =
      "no valid attestation by authority qa (qa: no attestation occurrence for this digest)";
  private static final String BASELINE = "ClusterImageSecurityPolicy baseline";
  // The operator's defaults, which the webhook under test runs with.
  private static final Duration POSITIVE_TTL = Duration.ofSeconds(30);
  private static final Duration REFRESH_AFTER = Duration.ofSeconds(10);
  private static final Duration BACKGROUND_REFRESH = Duration.ofSeconds(10);

  private static Gpg gpg;
  private static OpenSsl openssl;
  private static String qaFingerprint;
  private static String intruderFingerprint;
  private static OpenSsl.Key securityKey;
  private static final JcaEcSigner SECURITY_2 = JcaEcSigner.generate();
  private static final JcaEcSigner RELEASE = JcaEcSigner.generate();
  private static final JcaEcSigner INTRUDER = JcaEcSigner.generate();
  private static ResolvedAuthority qa;
  private static ResolvedAuthority security;
  private static ResolvedAuthority release;

  private final InMemoryAttestations grafeas =
      new InMemoryAttestations().withNotes(QA_NOTE, SECURITY_NOTE, RELEASE_NOTE);
  private Webhook webhook;

  @BeforeAll
  static void makeKeys() throws Exception {
    gpg = Gpg.start();
    openssl = OpenSsl.start();
    qaFingerprint = gpg.generateKey("QA <qa_bob@example.com>");
    intruderFingerprint = gpg.generateKey("Intruder <mallory@example.com>", "ed25519", "sign");
    securityKey = openssl.ecKey("P-256");
    qa =
        ResolvedAuthority.of(
            NS,
            "qa",
            QA_NOTE,
            List.of(KeyParser.parsePgp(qaFingerprint, gpg.exportPublicKey(qaFingerprint))),
            true);
    security =
        ResolvedAuthority.of(
            NS,
            "security",
            SECURITY_NOTE,
            List.of(
                KeyParser.parsePkix("security-1", securityKey.publicKeyPem(), "ECDSA_P256_SHA256"),
                pkix("security-2", SECURITY_2)),
            true);
    release =
        ResolvedAuthority.of(
            NS, "release", RELEASE_NOTE, List.of(pkix("release-1", RELEASE)), true);
  }

  @AfterAll
  static void removeKeys() {
    gpg.close();
    openssl.close();
  }

  @AfterEach
  void closeWebhook() {
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void deniesTheArticlesUnattestedPaymentPod() {
    JsonNode response = withQaOnly().answer(pod(PAYMENT));

    assertDenied(response, denial(PAYMENT, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesASignatureByTheKeyOfAnotherAuthority() {
    grafeas.upload(
        Occurrences.clearSigned(
            QA_NOTE, IMAGE, clearSign(intruderFingerprint, PAYMENT), intruderFingerprint));

    assertDenied(
        withQaOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            QA_ONLY,
            "no valid attestation by authority qa (qa: signature key "
                + intruderFingerprint
                + " is not a key of this authority)"));
  }

  @Test
  void aTenantsOwnAuthorityOfTheSameNameCannotSatisfyAClusterPolicy() throws Exception {
    // The namespace's owners define "qa" with their own key and sign the image with it.
    ResolvedAuthority tenantQa =
        ResolvedAuthority.of(
            NS,
            "qa",
            QA_NOTE,
            List.of(
                KeyParser.parsePgp(intruderFingerprint, gpg.exportPublicKey(intruderFingerprint))),
            true);
    grafeas.upload(
        Occurrences.clearSigned(
            QA_NOTE, IMAGE, clearSign(intruderFingerprint, PAYMENT), intruderFingerprint));
    webhook = webhook().with(tenantQa).with(operatorQa()).with(baseline(List.of()));

    assertDenied(
        webhook.answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            BASELINE,
            "no valid attestation by authority dikast/qa (dikast/qa: signature key "
                + intruderFingerprint
                + " is not a key of this authority)"));

    attestQa(PAYMENT);
    webhook.ticker.advance(POSITIVE_TTL.plusSeconds(1));
    assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void aClusterPolicyWhoseAuthorityIsMissingFromTheOperatorsNamespaceDenies() {
    attestQa(PAYMENT);
    // An authority "qa" exists, in the namespace being admitted: not where the policy looks.
    webhook = webhook().with(qa).with(baseline(List.of()));

    assertDenied(
        webhook.answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            BASELINE,
            "no valid attestation by authority dikast/qa (dikast/qa: authority qa is not defined in"
                + " namespace dikast)"));
  }

  @Test
  void aClusterPolicyLeavesItsExcludedNamespacesAndTheOperatorsOwnAlone() {
    webhook = webhook().with(operatorQa()).with(baseline(List.of("kube-system")));

    assertThat(webhook.answer(pod("kube-system", PAYMENT)).path("allowed").asBoolean()).isTrue();
    assertThat(webhook.answer(pod("dikast", PAYMENT)).path("allowed").asBoolean()).isTrue();
    assertDenied(
        webhook.answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            BASELINE,
            "no valid attestation by authority dikast/qa (dikast/qa: no attestation occurrence for"
                + " this digest)"));
  }

  @Test
  void deniesASignatureByTheRightAuthorityOverAnotherDigest() {
    grafeas.upload(
        Occurrences.clearSigned(
            QA_NOTE, IMAGE, clearSign(qaFingerprint, OTHER_DIGEST_IMAGE), qaFingerprint));

    assertDenied(
        withQaOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            QA_ONLY,
            "no valid attestation by authority qa (qa: payload binds "
                + OTHER_DIGEST_IMAGE
                + " not "
                + PAYMENT
                + ")"));
  }

  @Test
  void deniesASignatureOverTheSameDigestOfAnotherRepository() {
    grafeas.upload(
        Occurrences.clearSigned(
            QA_NOTE, IMAGE, clearSign(qaFingerprint, OTHER_REPOSITORY_IMAGE), qaFingerprint));

    assertDenied(
        withQaOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            QA_ONLY,
            "no valid attestation by authority qa (qa: payload binds "
                + OTHER_REPOSITORY_IMAGE
                + " not "
                + PAYMENT
                + ")"));
  }

  @Test
  void deniesAClearSignedTextEditedAfterSigning() {
    String forged =
        clearSign(qaFingerprint, OTHER_DIGEST_IMAGE).replace(OTHER_DIGEST_IMAGE, PAYMENT);
    grafeas.upload(Occurrences.clearSigned(QA_NOTE, IMAGE, forged, qaFingerprint));

    assertDenied(
        withQaOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            QA_ONLY,
            "no valid attestation by authority qa (qa: signature does not verify with key "
                + qaFingerprint
                + ")"));
  }

  @Test
  void deniesATamperedAtomicPayload() {
    byte[] signed = Occurrences.atomicPayload(ImageReference.parse(OTHER_DIGEST_IMAGE));
    byte[] tampered = Occurrences.atomicPayload(IMAGE);
    grafeas.upload(
        Occurrences.attestation(
            SECURITY_NOTE,
            IMAGE,
            tampered,
            openssl.sign(securityKey, "SHA256", signed),
            "security-1"));

    assertDenied(
        withSecurityOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            "ImageSecurityPolicy payments/security-only",
            "no valid attestation by authority security"
                + " (security: signature does not verify with key security-1)"));
  }

  @Test
  void deniesATruncatedSignature() {
    byte[] payload = Occurrences.atomicPayload(IMAGE);
    byte[] signature = openssl.sign(securityKey, "SHA256", payload);
    grafeas.upload(
        Occurrences.attestation(
            SECURITY_NOTE,
            IMAGE,
            payload,
            Arrays.copyOf(signature, signature.length - 8),
            "security-1"));

    assertDenied(
        withSecurityOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            "ImageSecurityPolicy payments/security-only",
            "no valid attestation by authority security"
                + " (security: signature does not verify with key security-1)"));
  }

  @Test
  void deniesASignatureWhosePublicKeyIdNamesOneKeyButWasMadeByAnother() {
    byte[] payload = Occurrences.atomicPayload(IMAGE);
    grafeas.upload(
        Occurrences.attestation(
            SECURITY_NOTE, IMAGE, payload, SECURITY_2.sign(payload), "security-1"));

    assertDenied(
        withSecurityOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            "ImageSecurityPolicy payments/security-only",
            "no valid attestation by authority security"
                + " (security: signature does not verify with key security-1)"));
  }

  @Test
  void deniesAPayloadWithDuplicateKeysInsteadOfLettingTheLastWin() {
    String payload =
        new String(Occurrences.atomicPayload(ImageReference.parse(OTHER_DIGEST_IMAGE)), UTF_8)
            .replace(
                "\"docker-manifest-digest\":\"",
                "\"docker-manifest-digest\":\"" + DIGEST + "\",\"docker-manifest-digest\":\"");
    byte[] bytes = payload.getBytes(UTF_8);
    grafeas.upload(
        Occurrences.attestation(SECURITY_NOTE, IMAGE, bytes, RELEASE.sign(bytes), "security-2"));
    grafeas.upload(
        Occurrences.attestation(SECURITY_NOTE, IMAGE, bytes, SECURITY_2.sign(bytes), "security-2"));

    JsonNode response = withSecurityOnly().answer(pod(PAYMENT));

    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("message").asText())
        .startsWith(
            denial(
                PAYMENT,
                "ImageSecurityPolicy payments/security-only",
                "no valid attestation by authority security (security: "))
        .contains("payload is not strict JSON")
        .contains("Duplicate field 'docker-manifest-digest'");
  }

  @Test
  void deniesAnAtomicPayloadOfAnotherType() {
    byte[] payload =
        new String(Occurrences.atomicPayload(IMAGE), UTF_8)
            .replace("atomic container signature", "cosign container image signature")
            .getBytes(UTF_8);
    grafeas.upload(
        Occurrences.attestation(
            SECURITY_NOTE, IMAGE, payload, SECURITY_2.sign(payload), "security-2"));

    assertDenied(
        withSecurityOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            "ImageSecurityPolicy payments/security-only",
            "no valid attestation by authority security (security: payload type is"
                + " \"cosign container image signature\", not \"atomic container signature\")"));
  }

  @Test
  void deniesAnEmptySignature() {
    grafeas.upload(
        Occurrences.attestation(
            SECURITY_NOTE, IMAGE, Occurrences.atomicPayload(IMAGE), new byte[0], "security-1"));

    assertDenied(
        withSecurityOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            "ImageSecurityPolicy payments/security-only",
            "no valid attestation by authority security (security: signature is empty)"));
  }

  @Test
  void deniesASignatureThatNamesNoKey() {
    byte[] payload = Occurrences.atomicPayload(IMAGE);
    grafeas.upload(
        Occurrences.attestation(SECURITY_NOTE, IMAGE, payload, SECURITY_2.sign(payload), " "));

    assertDenied(
        withSecurityOnly().answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            "ImageSecurityPolicy payments/security-only",
            "no valid attestation by authority security (security: signature names no public key"
                + " id)"));
  }

  @Test
  void deniesAValidAttestationFiledUnderAnotherAuthoritysNote() {
    grafeas.upload(
        Occurrences.clearSigned(
            SECURITY_NOTE, IMAGE, clearSign(qaFingerprint, PAYMENT), qaFingerprint));

    assertDenied(withQaOnly().answer(pod(PAYMENT)), denial(PAYMENT, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesATagOnlyImage() {
    assertDenied(
        withQaOnly().answer(pod("gcr.io/hightowerlabs/payment:0.0.1")),
        denial(
            "gcr.io/hightowerlabs/payment:0.0.1",
            QA_ONLY,
            "image is not pinned by a sha256 digest"));
  }

  @Test
  void deniesAShortDigestAsInvalidReference() {
    String image = "gcr.io/hightowerlabs/payment@sha256:aba48d60ba44";

    assertDenied(
        withQaOnly().answer(pod(image)),
        denial(
            image,
            QA_ONLY,
            "invalid image reference \""
                + image
                + "\" (its digest is not sha256, sha384 or sha512"
                + " followed by that many lower-case hex digits)"));
  }

  @Test
  void deniesANonHexDigestAsInvalidReference() {
    String image = "gcr.io/hightowerlabs/payment@sha256:" + "z".repeat(64);

    assertDenied(
        withQaOnly().answer(pod(image)),
        denial(
            image,
            QA_ONLY,
            "invalid image reference \""
                + image
                + "\" (its digest is not sha256, sha384 or sha512"
                + " followed by that many lower-case hex digits)"));
  }

  @Test
  void deniesAnUpperCaseDigestThatOnlyLooksPinnedAsInvalidReference() {
    String image = "gcr.io/hightowerlabs/payment@sha256:" + DIGEST.substring(7).toUpperCase();

    assertDenied(
        withQaOnly().answer(pod(image)),
        denial(
            image,
            QA_ONLY,
            "invalid image reference \""
                + image
                + "\" (its digest is not sha256, sha384 or sha512"
                + " followed by that many lower-case hex digits)"));
  }

  @Test
  void deniesImageWithSchemeAsInvalidReference() {
    attestQa(PAYMENT);
    String image = "https://" + PAYMENT;

    assertDenied(
        withQaOnly().answer(pod(image)),
        denial(
            image,
            QA_ONLY,
            "invalid image reference \""
                + image
                + "\" (a scheme such as https:// is not part of an image reference)"));
  }

  @Test
  void deniesImageWithSurroundingWhitespaceAsInvalidReference() {
    attestQa(PAYMENT);
    String image = " " + PAYMENT + " ";

    assertDenied(
        withQaOnly().answer(pod(image)),
        denial(
            image,
            QA_ONLY,
            "invalid image reference \"" + image + "\" (it has surrounding whitespace)"));
  }

  @Test
  void deniesUppercaseRepositoryAsInvalidReference() {
    String image = "gcr.io/HightowerLabs/Payment@" + DIGEST;

    assertDenied(
        withQaOnly().answer(pod(image)),
        denial(
            image,
            QA_ONLY,
            "invalid image reference \"" + image + "\" (a repository path must be lower case)"));
  }

  @Test
  void admitsDockerHubShortNameSignedWithFullName() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      withQaOnly(client);
      attestQaAsWritten("docker.io/library/nginx@" + DIGEST);

      assertThat(webhook.answer(pod("nginx@" + DIGEST)).path("allowed").asBoolean()).isTrue();
    }
  }

  @Test
  void admitsDockerHubFullNameSignedWithShortName() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      withQaOnly(client);
      attestQaAsWritten("nginx@" + DIGEST);

      assertThat(
              webhook
                  .answer(pod("index.docker.io/library/nginx@" + DIGEST))
                  .path("allowed")
                  .asBoolean())
          .isTrue();
      assertThat(
              webhook.answer(pod("docker.io/library/nginx@" + DIGEST)).path("allowed").asBoolean())
          .isTrue();
    }
  }

  @Test
  void deniesAttestationForAnotherDockerHubRepository() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      withQaOnly(client);
      // acme/nginx is docker.io/acme/nginx, not the official docker.io/library/nginx.
      attestQaAsWritten("acme/nginx@" + DIGEST);
      grafeas.upload(
          Occurrences.clearSigned(
                  QA_NOTE,
                  ImageReference.parse("nginx@" + DIGEST),
                  clearSign(qaFingerprint, "acme/nginx@" + DIGEST),
                  qaFingerprint)
              .toBuilder()
              .setResourceUri("https://nginx@" + DIGEST)
              .build());
      String image = "nginx@" + DIGEST;

      assertDenied(
          webhook.answer(pod(image)),
          denial(
              image,
              QA_ONLY,
              "no valid attestation by authority qa (qa: payload binds docker.io/acme/nginx@"
                  + DIGEST
                  + " not docker.io/library/nginx@"
                  + DIGEST
                  + ")"));
    }
  }

  @Test
  void deniesAnUnattestedInitContainerBesideAnAttestedMainContainer() {
    attestQa(PAYMENT);
    String pod =
        AdmissionReviews.pod("payment", PAYMENT)
            .replace(
                "]}}", "],\"initContainers\":[{\"name\":\"init\",\"image\":\"" + RUBY + "\"}]}}");

    assertDenied(
        withQaOnly().answer(AdmissionReviews.createPod(NS, pod)),
        denial(RUBY, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesAnUnattestedEphemeralContainerAddedToARunningPod() {
    attestQa(PAYMENT);
    String pod =
        AdmissionReviews.pod("payment", PAYMENT)
            .replace(
                "]}}",
                "],\"ephemeralContainers\":[{\"name\":\"debug\",\"image\":\"" + RUBY + "\"}]}}");
    String body =
        AdmissionReviews.update("", "v1", "Pod")
            .subResource("ephemeralcontainers")
            .namespace(NS)
            .object(pod)
            .oldObject(AdmissionReviews.pod("payment", PAYMENT))
            .json();

    assertDenied(withQaOnly().answer(body), denial(RUBY, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesADeploymentUpdateSwitchingToAnUnattestedImage() {
    attestQa(PAYMENT);
    String body =
        AdmissionReviews.update("apps", "v1", "Deployment")
            .namespace(NS)
            .object(deployment(OTHER_DIGEST_IMAGE))
            .oldObject(deployment(PAYMENT))
            .json();

    assertDenied(withQaOnly().answer(body), denial(OTHER_DIGEST_IMAGE, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesACronJobWhoseJobTemplateRunsAnUnattestedImage() {
    String cronJob =
        "{\"apiVersion\":\"batch/v1\",\"kind\":\"CronJob\",\"metadata\":{\"name\":\"nightly\"},"
            + "\"spec\":{\"schedule\":\"@daily\",\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":"
            + "{\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"job\",\"image\":\""
            + PAYMENT
            + "\"}]}}}}}}";
    String body =
        AdmissionReviews.create("batch", "v1", "CronJob").namespace(NS).object(cronJob).json();

    assertDenied(withQaOnly().answer(body), denial(PAYMENT, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesAStatefulSetWhosePodTemplateRunsAnUnattestedImage() {
    String statefulSet =
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"db\"},"
            + "\"spec\":{\"serviceName\":\"db\",\"template\":{\"spec\":{\"containers\":"
            + "[{\"name\":\"db\",\"image\":\""
            + PAYMENT
            + "\"}]}}}}";
    String body =
        AdmissionReviews.create("apps", "v1", "StatefulSet")
            .namespace(NS)
            .object(statefulSet)
            .json();

    assertDenied(withQaOnly().answer(body), denial(PAYMENT, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesWhenOnlyOneOfTwoRequiredOfThreeAuthoritiesAttested() {
    attestQa(PAYMENT);
    webhook =
        webhook()
            .with(qa)
            .with(security)
            .with(release)
            .with(policy("two-of-three", List.of("qa", "security", "release"), 2));

    assertDenied(
        webhook.answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            "ImageSecurityPolicy payments/two-of-three",
            "1 of 2 required attestations (qa, security, release); missing: security, release"
                + " (security: no attestation occurrence for this digest;"
                + " release: no attestation occurrence for this digest)"));
  }

  @Test
  void deniesWhenOnePolicyPassesAndAnotherFails() {
    attestQa(PAYMENT);
    webhook =
        webhook()
            .with(qa)
            .with(security)
            .with(policy("qa-only", List.of("qa"), 0))
            .with(
                new Policy(
                    PolicyKind.GENERIC_ATTESTATION_POLICY,
                    NS,
                    "security-gap",
                    List.of(),
                    List.of("security"),
                    0,
                    EnforcementMode.ENFORCE,
                    BreakglassMode.ALLOW,
                    BackendUnavailableMode.DENY));

    assertDenied(
        webhook.answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            "GenericAttestationPolicy payments/security-gap",
            "no valid attestation by authority security"
                + " (security: no attestation occurrence for this digest)"));
  }

  @Test
  void deniesAnImageThatAnAllowlistPatternWouldMatchOnlyUnanchored() {
    webhook =
        webhook()
            .with(qa)
            .with(
                new Policy(
                    PolicyKind.IMAGE_SECURITY_POLICY,
                    NS,
                    "qa-only",
                    List.of("gcr.io/hightowerlabs/*"),
                    List.of("qa"),
                    0,
                    EnforcementMode.ENFORCE,
                    BreakglassMode.ALLOW,
                    BackendUnavailableMode.DENY));
    String image = "evil.example.com/gcr.io/hightowerlabs/payment@" + DIGEST;

    assertDenied(webhook.answer(pod(image)), denial(image, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesABreakglassAnnotationWhoseValueIsNotTrue() {
    String pod =
        AdmissionReviews.pod("payment", PAYMENT)
            .replace(
                "\"name\":\"payment\"}",
                "\"name\":\"payment\",\"annotations\":{\"kritis.grafeas.io/breakglass\":\"false\"}}");

    JsonNode response = withQaOnly().answer(AdmissionReviews.createPod(NS, pod));

    assertDenied(response, denial(PAYMENT, QA_ONLY, MISSING_QA));
    assertThat(response.path("auditAnnotations").has("breakglass")).isFalse();
  }

  @Test
  void deniesBreakglassUnderAPolicyThatForbidsIt() {
    webhook =
        webhook()
            .with(qa)
            .with(
                new Policy(
                    PolicyKind.IMAGE_SECURITY_POLICY,
                    NS,
                    "qa-only",
                    List.of(),
                    List.of("qa"),
                    0,
                    EnforcementMode.ENFORCE,
                    BreakglassMode.DENY,
                    BackendUnavailableMode.DENY));

    JsonNode response = webhook.answer(AdmissionReviews.createPod(NS, breakglassPod()));

    assertDenied(
        response,
        denial(PAYMENT, QA_ONLY, MISSING_QA) + "; break-glass is forbidden by this policy");
    assertThat(response.path("auditAnnotations").path("breakglass").asText())
        .isEqualTo("forbidden");
  }

  @Test
  void deniesAnAuthorityThatIsNotDefinedInTheNamespace() {
    webhook = webhook().with(policy("qa-only", List.of("qa"), 0));

    assertDenied(
        webhook.answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            QA_ONLY,
            "no valid attestation by authority qa (qa: authority qa is not defined in namespace"
                + " payments)"));
  }

  @Test
  void deniesAnAuthorityOfAnotherNamespace() {
    ResolvedAuthority elsewhere = ResolvedAuthority.of("billing", "qa", QA_NOTE, qa.keys(), true);
    attestQa(PAYMENT);
    webhook = webhook().with(elsewhere).with(policy("qa-only", List.of("qa"), 0));

    assertDenied(
        webhook.answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            QA_ONLY,
            "no valid attestation by authority qa (qa: authority qa is not defined in namespace"
                + " payments)"));
  }

  @Test
  void deniesWhenTheAuthoritysNoteDoesNotExist() {
    ResolvedAuthority noNote =
        ResolvedAuthority.of(NS, "qa", "projects/image-signing/notes/gone", qa.keys(), true);
    webhook = webhook().with(noNote).with(policy("qa-only", List.of("qa"), 0));

    assertDenied(
        webhook.answer(pod(PAYMENT)),
        denial(
            PAYMENT,
            QA_ONLY,
            "no valid attestation by authority qa (qa: note projects/image-signing/notes/gone"
                + " does not exist in Grafeas)"));
  }

  @Test
  void deniesOnAGrafeasThatNeverAnswersWithinTheBudget() throws Exception {
    try (SilentServer silent = new SilentServer();
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(silent.address(), Duration.ofMillis(800))) {
      webhook =
          webhook(client.source(), Duration.ofSeconds(3))
              .with(qa)
              .with(policy("qa-only", List.of("qa"), 0));

      long start = System.nanoTime();
      JsonNode response = webhook.answer(pod(PAYMENT));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertDenied(
          response,
          denial(
              PAYMENT,
              QA_ONLY,
              "attestation backend unavailable (Grafeas did not answer within 800 ms)"));
    }
  }

  @Test
  void deniesWithinTheBudgetEvenWhenTheCallTimeoutIsLonger() throws Exception {
    try (SilentServer silent = new SilentServer();
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(silent.address(), Duration.ofSeconds(30))) {
      webhook =
          webhook(client.source(), Duration.ofMillis(700))
              .with(qa)
              .with(policy("qa-only", List.of("qa"), 0));

      long start = System.nanoTime();
      JsonNode response = webhook.answer(pod(PAYMENT));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(response.path("allowed").asBoolean(true)).isFalse();
      assertThat(response.path("status").path("message").asText())
          .startsWith(denial(PAYMENT, QA_ONLY, "attestation backend unavailable ("));
    }
  }

  @Test
  void asksGrafeasAboutEveryImageOfAHundredImagePodAtOnceWhenItHangs() throws Exception {
    Duration callTimeout = Duration.ofSeconds(2);
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    try (StubGrafeas hung =
            StubGrafeas.answering((request, held) -> arrivals.add(System.nanoTime()));
        GrafeasClients.Closeable client = GrafeasClients.plaintext(hung.address(), callTimeout)) {
      webhook =
          webhook(client.source(), Duration.ofSeconds(8))
              .with(qa)
              .with(policy("qa-only", List.of("qa"), 0));
      String[] images =
          IntStream.range(0, 100)
              .mapToObj(i -> "gcr.io/acme/service-" + i + "@sha256:" + "ab".repeat(32))
              .toArray(String[]::new);

      JsonNode response =
          webhook.answer(AdmissionReviews.createPod(NS, AdmissionReviews.pod("wide", images)));

      assertThat(arrivals).hasSize(100);
      assertThat(Duration.ofNanos(Collections.max(arrivals) - Collections.min(arrivals)))
          .as("every check was asked before the first one's call timeout")
          .isLessThan(callTimeout);
      assertThat(response.path("allowed").asBoolean(true)).isFalse();
      assertThat(response.path("status").path("message").asText().lines())
          .hasSize(100)
          .allMatch(line -> line.endsWith("(Grafeas did not answer within 2000 ms)"));
    }
  }

  @Test
  void deniesOnAGrafeasError() throws Exception {
    try (StubGrafeas failing =
            StubGrafeas.failingWith(Status.INTERNAL.withDescription("storage is corrupt"));
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(failing.address(), Duration.ofSeconds(2))) {
      withQaOnly(client);

      assertDenied(
          webhook.answer(pod(PAYMENT)),
          denial(
              PAYMENT,
              QA_ONLY,
              "attestation backend unavailable (Grafeas error INTERNAL: storage is corrupt)"));
    }
  }

  @Test
  void deniesWhenGrafeasIsUnreachable() throws Exception {
    String closedPort;
    try (SilentServer gone = new SilentServer()) {
      closedPort = gone.address();
    }
    try (GrafeasClients.Closeable client =
        GrafeasClients.plaintext(closedPort, Duration.ofSeconds(2))) {
      withQaOnly(client);

      assertDenied(
          webhook.answer(pod(PAYMENT)),
          denial(
              PAYMENT,
              QA_ONLY,
              "attestation backend unavailable (Grafeas at " + closedPort + " is unavailable)"));
    }
  }

  @Test
  void admitsWithAWarningWhenThePolicyAllowsBackendOutages() throws Exception {
    try (StubGrafeas failing = StubGrafeas.failingWith(Status.UNAVAILABLE);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(failing.address(), Duration.ofSeconds(2))) {
      webhook =
          webhook(client.source(), Duration.ofSeconds(5))
              .with(qa)
              .with(
                  new Policy(
                      PolicyKind.IMAGE_SECURITY_POLICY,
                      NS,
                      "qa-only",
                      List.of(),
                      List.of("qa"),
                      0,
                      EnforcementMode.ENFORCE,
                      BreakglassMode.ALLOW,
                      BackendUnavailableMode.ALLOW));

      JsonNode response = webhook.answer(pod(PAYMENT));

      assertThat(response.path("allowed").asBoolean()).isTrue();
      assertThat(response.path("warnings").get(0).asText())
          .isEqualTo(
              "image "
                  + PAYMENT
                  + " admitted with onBackendUnavailable Allow despite "
                  + QA_ONLY
                  + ": attestation backend unavailable (Grafeas at "
                  + failing.address()
                  + " is unavailable)");
      assertThat(response.path("auditAnnotations").path("backend-outage-allowed").asText())
          .isEqualTo("ImageSecurityPolicy/payments/qa-only");
    }
  }

  @Test
  void deniesRevokedAttestationWithinPositiveTtl() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      withQaOnly(client);
      Occurrence attestation = attestQa(PAYMENT);
      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();

      grafeas.delete(attestation);
      webhook.ticker.advance(POSITIVE_TTL);

      assertDenied(webhook.answer(pod(PAYMENT)), denial(PAYMENT, QA_ONLY, MISSING_QA));
    }
  }

  @Test
  void deniesRevokedAttestationOnceTheRefreshAHitStartedSeesItGone() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      withQaOnly(client);
      Occurrence attestation = attestQa(PAYMENT);
      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();

      grafeas.delete(attestation);
      webhook.ticker.advance(REFRESH_AFTER);

      // Answered from the cache at once; the refresh it starts sees the deletion.
      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();
      await()
          .atMost(BACKGROUND_REFRESH)
          .untilAsserted(
              () ->
                  assertDenied(webhook.answer(pod(PAYMENT)), denial(PAYMENT, QA_ONLY, MISSING_QA)));
    }
  }

  @Test
  void deniesCachedDigestWhileGrafeasIsDown() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      withQaOnly(client);
      attestQa(PAYMENT);
      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();

      served.close();
      webhook.ticker.advance(POSITIVE_TTL);

      assertDenied(
          webhook.answer(pod(PAYMENT)),
          denial(
              PAYMENT,
              QA_ONLY,
              "attestation backend unavailable (Grafeas at "
                  + served.address()
                  + " is unavailable)"));
    }
  }

  @Test
  void deniesCachedDigestOnceARefreshMeetsTheOutage() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      withQaOnly(client);
      attestQa(PAYMENT);
      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();

      served.close();
      webhook.ticker.advance(REFRESH_AFTER);

      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();
      await()
          .atMost(BACKGROUND_REFRESH)
          .untilAsserted(
              () ->
                  assertDenied(
                      webhook.answer(pod(PAYMENT)),
                      denial(
                          PAYMENT,
                          QA_ONLY,
                          "attestation backend unavailable (Grafeas at "
                              + served.address()
                              + " is unavailable)")));
    }
  }

  @Test
  void admitsCachedDigestWithStaleWarningOnlyWherePolicyAllowsCachedFacts() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      webhook =
          webhook(client.source(), Duration.ofSeconds(5))
              .with(qa)
              .with(cachedFactsPolicy(NS, Duration.ofHours(1)))
              .with(ResolvedAuthority.of("billing", "qa", QA_NOTE, qa.keys(), true))
              .with(qaOnlyIn("billing"));
      attestQa(PAYMENT);
      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();
      assertThat(webhook.answer(pod("billing", PAYMENT)).path("allowed").asBoolean()).isTrue();

      served.close();
      webhook.ticker.advance(Duration.ofMinutes(4).plusSeconds(12));
      String outage =
          "attestation backend unavailable (Grafeas at " + served.address() + " is unavailable)";

      JsonNode cached = webhook.answer(pod(PAYMENT));
      assertThat(cached.path("allowed").asBoolean()).isTrue();
      assertThat(cached.path("warnings"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "image "
                  + PAYMENT
                  + " admitted on a cached attestation by qa verified 4m12s ago despite "
                  + QA_ONLY
                  + ": "
                  + outage);
      assertThat(cached.path("auditAnnotations").path("cached-facts-used").asText())
          .isEqualTo("ImageSecurityPolicy/payments/qa-only");
      assertDenied(
          webhook.answer(pod("billing", PAYMENT)),
          denial(PAYMENT, "ImageSecurityPolicy billing/qa-only", outage));
    }
  }

  @Test
  void deniesCachedDigestVerifiedLongerAgoThanThePolicysCachedFactsMaxAge() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      webhook =
          webhook(client.source(), Duration.ofSeconds(5))
              .with(qa)
              .with(cachedFactsPolicy(NS, Duration.ofMinutes(1)));
      attestQa(PAYMENT);
      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();

      served.close();
      webhook.ticker.advance(Duration.ofMinutes(1).plusSeconds(1));

      JsonNode response = webhook.answer(pod(PAYMENT));
      assertDenied(
          response,
          denial(
              PAYMENT,
              QA_ONLY,
              "attestation backend unavailable (Grafeas at "
                  + served.address()
                  + " is unavailable)"));
      assertThat(response.has("warnings")).isFalse();
    }
  }

  @Test
  void deniesRevokedAttestationDuringAnOutageEvenWherePolicyAllowsCachedFacts() throws Exception {
    try (StubGrafeas served = StubGrafeas.serving(grafeas);
        GrafeasClients.Closeable client =
            GrafeasClients.plaintext(served.address(), Duration.ofSeconds(2))) {
      webhook =
          webhook(client.source(), Duration.ofSeconds(5))
              .with(qa)
              .with(cachedFactsPolicy(NS, Duration.ofHours(1)));
      Occurrence attestation = attestQa(PAYMENT);
      assertThat(webhook.answer(pod(PAYMENT)).path("allowed").asBoolean()).isTrue();
      grafeas.delete(attestation);
      webhook.ticker.advance(POSITIVE_TTL);
      assertDenied(webhook.answer(pod(PAYMENT)), denial(PAYMENT, QA_ONLY, MISSING_QA));

      served.close();
      webhook.ticker.advance(POSITIVE_TTL);

      assertDenied(
          webhook.answer(pod(PAYMENT)),
          denial(
              PAYMENT,
              QA_ONLY,
              "attestation backend unavailable (Grafeas at "
                  + served.address()
                  + " is unavailable)"));
    }
  }

  @Test
  void admitsTheDigestOnceAValidAttestationIsUploadedWithinTheNegativeTtl() {
    withQaOnly();
    assertDenied(webhook.answer(pod(PAYMENT)), denial(PAYMENT, QA_ONLY, MISSING_QA));

    attestQa(PAYMENT);
    webhook.ticker.advance(Duration.ofSeconds(30));

    JsonNode response = webhook.answer(pod(PAYMENT));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("auditAnnotations").path("decision").asText()).isEqualTo("allowed");
  }

  @Test
  void admitsBreakglassWithAWarningAndAnAuditAnnotation() {
    JsonNode response = withQaOnly().answer(AdmissionReviews.createPod(NS, breakglassPod()));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings").get(0).asText())
        .isEqualTo(
            "image "
                + PAYMENT
                + " admitted under break-glass despite "
                + QA_ONLY
                + ": "
                + MISSING_QA);
    assertThat(response.path("auditAnnotations").path("breakglass").asText()).isEqualTo("applied");
    assertThat(response.path("auditAnnotations").path("breakglass-bypassed").asText())
        .isEqualTo("ImageSecurityPolicy/payments/qa-only");
  }

  @Test
  void refusesReviewWhoseObjectNamesAnotherNamespaceThanTheRequest() {
    String pod =
        AdmissionReviews.pod("payment", PAYMENT)
            .replace("\"name\":\"payment\"", "\"name\":\"payment\",\"namespace\":\"default\"");
    withQaOnly();

    assertThatThrownBy(() -> webhook.answer(AdmissionReviews.createPod(NS, pod)))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessage("request is for namespace payments but its object is in namespace default");
  }

  @Test
  void judgesReviewByRequestNamespaceNotObjectNamespace() {
    String pod =
        AdmissionReviews.pod("payment", PAYMENT)
            .replace("\"name\":\"payment\"", "\"name\":\"payment\",\"namespace\":\"payments\"");
    String body = AdmissionReviews.create("", "v1", "Pod").namespace(NS).object(pod).json();

    assertDenied(withQaOnly().answer(body), denial(PAYMENT, QA_ONLY, MISSING_QA));
    assertThatThrownBy(
            () ->
                webhook.answer(
                    AdmissionReviews.create("", "v1", "Pod")
                        .namespace("default")
                        .object(pod)
                        .json()))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessage("request is for namespace default but its object is in namespace payments");
  }

  @Test
  void refusesPodWithoutKindSentAsDeployment() {
    // Read as a Deployment, the pod's containers would be no template's and go unchecked.
    String pod =
        AdmissionReviews.pod("payment", PAYMENT)
            .replace("\"apiVersion\":\"v1\",\"kind\":\"Pod\",", "");
    String body =
        AdmissionReviews.create("apps", "v1", "Deployment").namespace(NS).object(pod).json();
    withQaOnly();

    assertThatThrownBy(() -> webhook.answer(body))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessage("request object names no kind but the request is for a Deployment.apps");
  }

  @Test
  void checksPodSentWithLowercaseKind() {
    String pod = AdmissionReviews.pod("payment", PAYMENT).replace("\"Pod\"", "\"pod\"");
    String body = AdmissionReviews.create("", "v1", "pod").namespace(NS).object(pod).json();

    assertDenied(withQaOnly().answer(body), denial(PAYMENT, QA_ONLY, MISSING_QA));
  }

  @Test
  void checksArgoRolloutTemplateImages() {
    String rollout =
        "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Rollout\",\"metadata\":"
            + "{\"name\":\"payment\"},\"spec\":{\"replicas\":3,\"strategy\":{\"canary\":"
            + "{\"steps\":[{\"setWeight\":20}]}},\"template\":{\"metadata\":{\"labels\":"
            + "{\"app\":\"payment\"}},\"spec\":{\"containers\":[{\"name\":\"payment\","
            + "\"image\":\""
            + PAYMENT
            + "\"}]}}}}";
    String body =
        AdmissionReviews.create("argoproj.io", "v1alpha1", "Rollout")
            .namespace(NS)
            .object(rollout)
            .json();

    assertDenied(withQaOnly().answer(body), denial(PAYMENT, QA_ONLY, MISSING_QA));
  }

  @Test
  void checksKnativeServiceImages() {
    attestQa(PAYMENT);
    String service =
        "{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"Service\",\"metadata\":"
            + "{\"name\":\"payment\"},\"spec\":{\"template\":{\"spec\":{\"containerConcurrency\":"
            + "10,\"containers\":[{\"image\":\""
            + PAYMENT
            + "\"},{\"image\":\""
            + RUBY
            + "\"}]}}}}";
    String body =
        AdmissionReviews.create("serving.knative.dev", "v1", "Service")
            .namespace(NS)
            .object(service)
            .json();

    assertDenied(withQaOnly().answer(body), denial(RUBY, QA_ONLY, MISSING_QA));
  }

  @Test
  void checksCustomKindListedByPolicyAtItsPodSpecPath() {
    webhook = webhook().with(qa).with(declaring(RUNNER_WORKERS));

    assertDenied(
        webhook.answer(
            runner("{\"workers\":{\"pod\":{\"containers\":[{\"image\":\"" + PAYMENT + "\"}]}}}")),
        denial(PAYMENT, QA_ONLY, MISSING_QA));
  }

  @Test
  void deniesCustomKindListedByPolicyWithNothingAtItsPodSpecPath() {
    webhook = webhook().with(qa).with(declaring(RUNNER_WORKERS));

    assertDenied(
        webhook.answer(runner("{\"workers\":{\"replicas\":2}}")),
        "Runner payments/nightly denied by "
            + QA_ONLY
            + ": the policy says Runner.ci.example.com keeps its pod spec at /spec/workers/pod,"
            + " but the object has nothing there");
  }

  @Test
  void readsAListedKindOnlyWhereItsPolicysNamespaceIs() {
    webhook =
        webhook()
            .with(qa)
            .with(policy("qa-only", List.of("qa"), 0))
            .with(
                new Policy(
                    PolicyKind.IMAGE_SECURITY_POLICY,
                    "billing",
                    "runners",
                    List.of(),
                    List.of("qa"),
                    0,
                    EnforcementMode.ENFORCE,
                    BreakglassMode.ALLOW,
                    BackendUnavailableMode.DENY,
                    Policy.DEFAULT_CACHED_FACTS_MAX_AGE,
                    Optional.empty(),
                    List.of(RUNNER_WORKERS)));

    JsonNode response =
        webhook.answer(
            runner("{\"workers\":{\"pod\":{\"containers\":[{\"image\":\"" + PAYMENT + "\"}]}}}"));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("auditAnnotations").path("skipped").asText())
        .startsWith("kind Runner.ci.example.com carries no pod spec");
  }

  @Test
  void admitsAndLogsKindWithoutPodSpec() {
    withQaOnly();
    String widget =
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
            + "\"spec\":{\"color\":\"blue\",\"template\":null}}";
    String body =
        AdmissionReviews.create("example.com", "v1", "Widget").namespace(NS).object(widget).json();
    String reason =
        "kind Widget.example.com carries no pod spec (no containers in spec, nothing at"
            + " spec.template.spec or spec.jobTemplate.spec.template.spec, and no policy of the"
            + " namespace names the kind)";

    List<LogRecord> logged;
    JsonNode response;
    try (DecisionLog log = DecisionLog.capture()) {
      response = webhook.answer(body);
      logged = log.records();
    }

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("auditAnnotations").path("skipped").asText()).isEqualTo(reason);
    assertThat(webhook.requests("skipped", "Widget")).isEqualTo(1);
    assertThat(logged)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLevel()).isEqualTo(Level.INFO);
              assertThat(line.getMessage())
                  .contains(" kind=Widget object=payments/w operation=CREATE decision=skipped ")
                  .endsWith(" first=\"" + reason + "\"");
            });
  }

  private Webhook withQaOnly() {
    webhook = webhook().with(qa).with(policy("qa-only", List.of("qa"), 0));
    return webhook;
  }

  /** {@link #withQaOnly()}, asking Grafeas through the operator's own gRPC client. */
  private Webhook withQaOnly(GrafeasClients.Closeable client) {
    webhook =
        webhook(client.source(), Duration.ofSeconds(5))
            .with(qa)
            .with(policy("qa-only", List.of("qa"), 0));
    return webhook;
  }

  private Webhook withSecurityOnly() {
    webhook = webhook().with(security).with(policy("security-only", List.of("security"), 0));
    return webhook;
  }

  private Webhook webhook() {
    return webhook(grafeas, Duration.ofSeconds(5));
  }

  private static Webhook webhook(AttestationSource source, Duration budget) {
    return new Webhook(source, budget);
  }

  private Occurrence attestQa(String image) {
    Occurrence attestation =
        Occurrences.clearSigned(
            QA_NOTE, ImageReference.parse(image), clearSign(qaFingerprint, image), qaFingerprint);
    grafeas.upload(attestation);
    return attestation;
  }

  /** An attestation whose resource and payload name the image exactly as {@code spelling}. */
  private void attestQaAsWritten(String spelling) {
    grafeas.upload(
        Occurrences.clearSigned(
                QA_NOTE,
                ImageReference.parse(spelling),
                clearSign(qaFingerprint, spelling),
                qaFingerprint)
            .toBuilder()
            .setResourceUri("https://" + spelling)
            .build());
  }

  private static String clearSign(String fingerprint, String image) {
    return gpg.clearSign(fingerprint, image + "\n");
  }

  private static Policy declaring(PodSpecKind kind) {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        NS,
        "qa-only",
        List.of(),
        List.of("qa"),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY,
        Policy.DEFAULT_CACHED_FACTS_MAX_AGE,
        Optional.empty(),
        List.of(kind));
  }

  private static String runner(String spec) {
    String runner =
        "{\"apiVersion\":\"ci.example.com/v1\",\"kind\":\"Runner\",\"metadata\":"
            + "{\"name\":\"nightly\"},\"spec\":"
            + spec
            + "}";
    return AdmissionReviews.create("ci.example.com", "v1", "Runner")
        .namespace(NS)
        .object(runner)
        .json();
  }

  private static Policy cachedFactsPolicy(String namespace, Duration maxAge) {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        namespace,
        "qa-only",
        List.of(),
        List.of("qa"),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.USE_CACHED_FACTS,
        maxAge,
        Optional.empty());
  }

  /** ImageSecurityPolicy {@code qa-only} of {@code namespace}, denying on outages. */
  private static Policy qaOnlyIn(String namespace) {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        namespace,
        "qa-only",
        List.of(),
        List.of("qa"),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }

  /** The real QA key's authority, in the operator's namespace. */
  private static ResolvedAuthority operatorQa() {
    return ResolvedAuthority.of("dikast", "qa", QA_NOTE, qa.keys(), true);
  }

  private static ClusterPolicy baseline(List<String> excluded) {
    return new ClusterPolicy(
        new Policy(
            PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY,
            "",
            "baseline",
            List.of(),
            List.of("dikast/qa"),
            0,
            EnforcementMode.ENFORCE,
            BreakglassMode.ALLOW,
            BackendUnavailableMode.DENY),
        NamespaceSelection.of(null, excluded, "dikast"));
  }

  private static Policy policy(String name, List<String> authorities, int required) {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        NS,
        name,
        List.of(),
        authorities,
        required,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }

  private static String pod(String image) {
    return pod(NS, image);
  }

  private static String pod(String namespace, String image) {
    return AdmissionReviews.createPod(namespace, AdmissionReviews.pod("payment", image));
  }

  private static String breakglassPod() {
    return AdmissionReviews.pod("payment", PAYMENT)
        .replace(
            "\"name\":\"payment\"}",
            "\"name\":\"payment\",\"annotations\":{\"kritis.grafeas.io/breakglass\":\"true\"}}");
  }

  private static String deployment(String image) {
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"payment\"},"
        + "\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"payment\"}},\"template\":{\"metadata\":"
        + "{\"labels\":{\"app\":\"payment\"}},\"spec\":{\"containers\":[{\"name\":\"payment\","
        + "\"image\":\""
        + image
        + "\"}]}}}}";
  }

  private static String denial(String image, String policy, String reason) {
    return "image " + image + " denied by " + policy + ": " + reason;
  }

  private static void assertDenied(JsonNode response, String... lines) {
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText())
        .isEqualTo(String.join("\n", lines));
    assertThat(response.path("auditAnnotations").path("decision").asText()).isEqualTo("denied");
  }

  private static TrustedKey pkix(String keyId, JcaEcSigner signer) throws Exception {
    return KeyParser.parsePkix(keyId, signer.publicKeyPem(), "ECDSA_P256_SHA256");
  }
}
