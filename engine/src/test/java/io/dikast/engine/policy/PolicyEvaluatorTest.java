package io.dikast.engine.policy;

import static io.dikast.engine.policy.PolicyBuilder.cisp;
import static io.dikast.engine.policy.PolicyBuilder.gap;
import static io.dikast.engine.policy.PolicyBuilder.isp;
import static io.dikast.engine.workload.WorkloadFixtures.digestOf;
import static io.dikast.engine.workload.WorkloadFixtures.pinnedImage;
import static io.dikast.engine.workload.WorkloadFixtures.podWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyEvaluatorTest {

  private static final String APP = pinnedImage("payment");
  private static final String SIDECAR = pinnedImage("sidecar");
  private static final String NO_ATTESTATION = "no attestation occurrence for this digest";
  private static final Policy QA_ONLY = isp("qa-only").build();

  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  @Test
  void allowsAnyImageWhenNoPolicyApplies() {
    Decision decision =
        evaluator.evaluate(podWorkload("nginx:latest"), List.of(), Facts.none().map());

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.denials()).isEmpty();
    assertThat(decision.warnings()).isEmpty();
    assertThat(decision.policyOutcomes()).isEmpty();
    assertThat(decision.auditAnnotations()).containsExactly(Map.entry("decision", "allowed"));
  }

  @Test
  void allowsImageAttestedByTheRequiredAuthority() {
    Decision decision =
        evaluator.evaluate(
            podWorkload(APP), List.of(QA_ONLY), Facts.none().verified("qa", APP).map());

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.denials()).isEmpty();
    assertThat(decision.warnings()).isEmpty();
    assertThat(decision.policyOutcomes())
        .containsExactly(Map.entry(PolicyRef.of(QA_ONLY), PolicyOutcome.PASSED));
  }

  @Test
  void deniesImageWithoutAttestationNamingTheAuthorityAndTheVerifiersReason() {
    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(QA_ONLY),
            Facts.none().notVerified("qa", APP, NO_ATTESTATION).map());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-only: no valid attestation by"
                + " authority qa (qa: "
                + NO_ATTESTATION
                + ")");
    assertThat(decision.deniedBy()).containsExactly(PolicyRef.of(QA_ONLY));
    assertThat(decision.auditAnnotations())
        .containsExactly(
            Map.entry("decision", "denied"),
            Map.entry("denied-by", "ImageSecurityPolicy/payments/qa-only"));
  }

  @Test
  void quotesTheSignatureFailureOfAnAttestationSignedByAnotherKey() {
    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(QA_ONLY),
            Facts.none()
                .notVerified("qa", APP, "signature does not verify with key 4F2A9C01DEADBEEF")
                .map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-only: no valid attestation by"
                + " authority qa (qa: signature does not verify with key 4F2A9C01DEADBEEF)");
  }

  @Test
  void deniesTagOnlyImageAsUnpinned() {
    Decision decision =
        evaluator.evaluate(
            podWorkload("gcr.io/hightowerlabs/payment:0.0.1"),
            List.of(QA_ONLY),
            Facts.none().map());

    assertThat(decision.denials())
        .containsExactly(
            "image gcr.io/hightowerlabs/payment:0.0.1 denied by ImageSecurityPolicy"
                + " payments/qa-only: image is not pinned by a sha256 digest");
  }

  @Test
  void deniesAValidReferenceByAnotherDigestAlgorithmAsUnpinned() {
    String image = "gcr.io/x/payment@sha512:" + "ab".repeat(64);

    Decision decision =
        evaluator.evaluate(podWorkload(image), List.of(QA_ONLY), Facts.none().map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + image
                + " denied by ImageSecurityPolicy payments/qa-only: image is not pinned by a sha256"
                + " digest");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gcr.io/x/payment@sha256:aba48d | its digest is not sha256, sha384 or sha512 followed by"
            + " that many lower-case hex digits",
        "gcr.io/x/payment@sha256:zba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887"
            + " | its digest is not sha256, sha384 or sha512 followed by that many lower-case hex"
            + " digits",
        "gcr.io/x/payment@sha256:ABA48D60BA4410EC921F9D2E8169236C57660D121F9430DC9758D754EEC8F887"
            + " | its digest is not sha256, sha384 or sha512 followed by that many lower-case hex"
            + " digits",
        "Gcr.io/X/Payment@@sha256: | it does not follow the distribution reference grammar",
        "https://gcr.io/x/payment:1 | a scheme such as https:// is not part of an image reference",
        "gcr.io/X/payment:1 | a repository path must be lower case",
        "'' | it is empty"
      })
  void deniesAnInvalidReferenceSayingWhy(String image, String why) {
    Decision decision =
        evaluator.evaluate(podWorkload(image), List.of(QA_ONLY), Facts.none().map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + image
                + " denied by ImageSecurityPolicy payments/qa-only: invalid image reference \""
                + image
                + "\" ("
                + why
                + ")");
  }

  @Test
  void deniesUnattestedInitContainerBesideAttestedMainContainer() {
    String migrate = pinnedImage("migrate");
    Workload workload =
        new Workload(
            "Pod",
            "payments",
            "payment",
            List.of(
                new ContainerImage("app", ContainerType.CONTAINER, APP),
                new ContainerImage("migrate", ContainerType.INIT, migrate)),
            false);

    Decision decision =
        evaluator.evaluate(
            workload,
            List.of(QA_ONLY),
            Facts.none().verified("qa", APP).notVerified("qa", migrate, NO_ATTESTATION).map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + migrate
                + " denied by ImageSecurityPolicy payments/qa-only: no valid attestation by"
                + " authority qa (qa: "
                + NO_ATTESTATION
                + ")");
  }

  @Test
  void deniesUnattestedEphemeralContainerAddedToAnAttestedPod() {
    Workload workload =
        new Workload(
            "Pod",
            "payments",
            "payment",
            List.of(
                new ContainerImage("app", ContainerType.CONTAINER, APP),
                new ContainerImage("debug", ContainerType.EPHEMERAL, "busybox:latest")),
            false);

    Decision decision =
        evaluator.evaluate(workload, List.of(QA_ONLY), Facts.none().verified("qa", APP).map());

    assertThat(decision.denials())
        .containsExactly(
            "image busybox:latest denied by ImageSecurityPolicy payments/qa-only: image is not"
                + " pinned by a sha256 digest");
  }

  @Test
  void doesNotCountAnAttestationOfAnotherDigestOfTheSameRepository() {
    String otherBuild = "gcr.io/hightowerlabs/payment@" + digestOf("another build");

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(QA_ONLY),
            Facts.none().verified("qa", otherBuild).notVerified("qa", APP, NO_ATTESTATION).map());

    assertThat(decision.allowed()).isFalse();
  }

  @Test
  void judgesAnImageWithTagAndDigestByItsDigest() {
    String tagged = "gcr.io/hightowerlabs/payment:1.0@" + digestOf("payment");

    Decision decision =
        evaluator.evaluate(
            podWorkload(tagged), List.of(QA_ONLY), Facts.none().verified("qa", APP).map());

    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void namesTheOneMissingAuthorityWhenAllAreRequired() {
    Policy policy = isp("qa-and-security").authorities("qa", "security").build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(policy),
            Facts.none().verified("qa", APP).notVerified("security", APP, NO_ATTESTATION).map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-and-security: no valid attestation"
                + " by authority security (security: "
                + NO_ATTESTATION
                + ")");
  }

  @Test
  void namesEveryMissingAuthorityInPolicyOrderWhenAllAreRequired() {
    Policy policy = isp("qa-and-security").authorities("qa", "security").build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(policy),
            Facts.none()
                .notVerified("security", APP, "attestation payload names another image")
                .notVerified("qa", APP, NO_ATTESTATION)
                .map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-and-security: no valid attestation"
                + " by authorities qa, security (qa: "
                + NO_ATTESTATION
                + "; security: attestation payload names another image)");
  }

  @Test
  void deniesTwoOfThreeWithOnlyOneVerified() {
    Policy policy =
        isp("two-of-three").authorities("qa", "security", "release").requiring(2).build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(policy),
            Facts.none()
                .verified("qa", APP)
                .notVerified("security", APP, NO_ATTESTATION)
                .notVerified("release", APP, "signature does not verify with key R1")
                .map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/two-of-three: 1 of 2 required"
                + " attestations (qa, security, release); missing: security, release (security: "
                + NO_ATTESTATION
                + "; release: signature does not verify with key R1)");
  }

  @Test
  void allowsTwoOfThreeWithTwoVerified() {
    Policy policy =
        isp("two-of-three").authorities("qa", "security", "release").requiring(2).build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(policy),
            Facts.none()
                .verified("qa", APP)
                .notVerified("security", APP, NO_ATTESTATION)
                .verified("release", APP)
                .map());

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings()).isEmpty();
  }

  @Test
  void exemptsAnAllowlistedImageWithoutAnyAttestation() {
    Policy policy = isp("qa-only").allowlisting("gcr.io/google-containers/*").build();

    Decision decision =
        evaluator.evaluate(
            podWorkload("gcr.io/google-containers/pause:3.9"), List.of(policy), Facts.none().map());

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gcr.io/google-containers/pause:3.9",
        "evil.io/gcr.io/google-containers/pause:3.9",
        "gcr.io/google-containers/pause:3.9-evil"
      })
  void anAllowlistPatternMatchingOnlyAPrefixOrSuffixDoesNotExempt(String image) {
    Policy policy =
        isp("qa-only")
            .allowlisting("google-containers/pause", "gcr.io/google-containers/pause:3")
            .build();

    Decision decision = evaluator.evaluate(podWorkload(image), List.of(policy), Facts.none().map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + image
                + " denied by ImageSecurityPolicy payments/qa-only: image is not pinned by a sha256"
                + " digest");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx:1.25", "library/nginx:1.25", "index.docker.io/nginx:1.25"})
  void anAllowlistPatternForTheNormalisedNameExemptsEveryDockerHubSpelling(String image) {
    Policy policy = isp("qa-only").allowlisting("docker.io/library/nginx:*").build();

    Decision decision = evaluator.evaluate(podWorkload(image), List.of(policy), Facts.none().map());

    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void anInvalidReferenceIsNeverAllowlisted() {
    Policy policy = isp("qa-only").allowlisting("gcr.io/**", "**").build();
    String image = "https://gcr.io/team/app:1";

    Decision decision = evaluator.evaluate(podWorkload(image), List.of(policy), Facts.none().map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + image
                + " denied by ImageSecurityPolicy payments/qa-only: invalid image reference \""
                + image
                + "\" (a scheme such as https:// is not part of an image reference)");
  }

  @Test
  void aSingleStarAllowlistDoesNotExemptImagesInDeeperPaths() {
    Policy policy = isp("qa-only").allowlisting("gcr.io/*").build();
    String deeper = "gcr.io/team/" + "app@" + digestOf("app");

    Decision decision =
        evaluator.evaluate(
            podWorkload(deeper),
            List.of(policy),
            Facts.none().notVerified("qa", deeper, NO_ATTESTATION).map());

    assertThat(decision.allowed()).isFalse();
  }

  @Test
  void aDoubleStarAllowlistExemptsImagesAtAnyDepth() {
    Policy policy = isp("qa-only").allowlisting("gcr.io/**").build();

    Decision decision =
        evaluator.evaluate(
            podWorkload("gcr.io/team/sub/app:1"), List.of(policy), Facts.none().map());

    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void requiresEveryApplicablePolicyToPassImageSecurityAndGenericAttestationAlike() {
    Policy securityGap = gap("security-gate").authorities("security").build();
    List<Policy> policies = List.of(QA_ONLY, securityGap);

    Decision onlyQa =
        evaluator.evaluate(
            podWorkload(APP),
            policies,
            Facts.none().verified("qa", APP).notVerified("security", APP, NO_ATTESTATION).map());
    Decision both =
        evaluator.evaluate(
            podWorkload(APP),
            policies,
            Facts.none().verified("qa", APP).verified("security", APP).map());

    assertThat(onlyQa.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by GenericAttestationPolicy payments/security-gate: no valid attestation"
                + " by authority security (security: "
                + NO_ATTESTATION
                + ")");
    assertThat(onlyQa.policyOutcomes())
        .containsExactly(
            Map.entry(PolicyRef.of(QA_ONLY), PolicyOutcome.PASSED),
            Map.entry(PolicyRef.of(securityGap), PolicyOutcome.DENIED));
    assertThat(both.allowed()).isTrue();
  }

  @Test
  void listsOneLinePerFailingImageAndPolicyInImageThenPolicyOrder() {
    Policy securityGap = gap("security-gate").authorities("security").build();
    Workload workload = podWorkload(SIDECAR, APP, SIDECAR);

    Decision decision =
        evaluator.evaluate(workload, List.of(securityGap, QA_ONLY), Facts.none().map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + SIDECAR
                + " denied by ImageSecurityPolicy payments/qa-only: attestation backend unavailable"
                + " (not checked)",
            "image "
                + SIDECAR
                + " denied by GenericAttestationPolicy payments/security-gate: attestation backend"
                + " unavailable (not checked)",
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-only: attestation backend unavailable"
                + " (not checked)",
            "image "
                + APP
                + " denied by GenericAttestationPolicy payments/security-gate: attestation backend"
                + " unavailable (not checked)");
    assertThat(decision.auditAnnotations())
        .containsEntry(
            "denied-by",
            "ImageSecurityPolicy/payments/qa-only,GenericAttestationPolicy/payments/security-gate");
  }

  @Test
  void aClusterPolicyIsJudgedBesideTheNamespacesOwnAndNamesItsAuthorityWithItsNamespace() {
    Policy baseline = cisp("baseline").build();
    List<Policy> policies = List.of(baseline, QA_ONLY);

    // The namespace's own authority qa attested: that proves nothing to the cluster policy, which
    // trusts dikast/qa only.
    Decision namespaceOnly =
        evaluator.evaluate(
            podWorkload(APP),
            policies,
            Facts.none().verified("qa", APP).notVerified("dikast/qa", APP, NO_ATTESTATION).map());
    Decision both =
        evaluator.evaluate(
            podWorkload(APP),
            policies,
            Facts.none().verified("qa", APP).verified("dikast/qa", APP).map());

    assertThat(namespaceOnly.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ClusterImageSecurityPolicy baseline: no valid attestation by"
                + " authority dikast/qa (dikast/qa: "
                + NO_ATTESTATION
                + ")");
    assertThat(namespaceOnly.auditAnnotations())
        .containsEntry("denied-by", "ClusterImageSecurityPolicy/baseline");
    assertThat(namespaceOnly.policyOutcomes())
        .containsExactly(
            Map.entry(PolicyRef.of(QA_ONLY), PolicyOutcome.PASSED),
            Map.entry(PolicyRef.of(baseline), PolicyOutcome.DENIED));
    assertThat(both.allowed()).isTrue();
  }
}
