package io.dikast.engine.policy;

import static io.dikast.engine.policy.PolicyBuilder.gap;
import static io.dikast.engine.policy.PolicyBuilder.isp;
import static io.dikast.engine.workload.WorkloadFixtures.pinnedImage;
import static io.dikast.engine.workload.WorkloadFixtures.podWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dry run, break-glass and backend outages: when a violation denies and when it only warns. */
class PolicyModesTest {

  private static final String APP = pinnedImage("payment");
  private static final String NO_ATTESTATION = "no attestation occurrence for this digest";
  private static final String QA_MISSING =
      "no valid attestation by authority qa (qa: " + NO_ATTESTATION + ")";
  private static final String DEADLINE = "grafeas deadline exceeded after 2s";

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final Map<AttestationCheck, AttestationFact> qaMissing =
      Facts.none().notVerified("qa", APP, NO_ATTESTATION).map();
  private final Map<AttestationCheck, AttestationFact> qaTimedOut =
      Facts.none().unavailable("qa", APP, DEADLINE).map();

  @Test
  void admitsViolationOfADryRunPolicyWithAWarning() {
    Policy policy = isp("qa-only").dryRun().build();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), qaMissing);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted in dry run despite ImageSecurityPolicy payments/qa-only: "
                + QA_MISSING);
    assertThat(decision.policyOutcomes())
        .containsExactly(Map.entry(PolicyRef.of(policy), PolicyOutcome.DRY_RUN_VIOLATION));
    assertThat(decision.auditAnnotations())
        .containsExactly(
            Map.entry("decision", "allowed"),
            Map.entry("dry-run-violations", "ImageSecurityPolicy/payments/qa-only"));
  }

  @Test
  void admitsUnattestedImageUnderBreakglassAndRecordsTheBypass() {
    Policy policy = isp("qa-only").build();

    Decision decision = evaluator.evaluate(podWorkload(true, APP), List.of(policy), qaMissing);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.breakglassApplied()).isTrue();
    assertThat(decision.breakglassBypassed()).containsExactly(PolicyRef.of(policy));
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted under break-glass despite ImageSecurityPolicy payments/qa-only: "
                + QA_MISSING);
    assertThat(decision.auditAnnotations())
        .containsExactly(
            Map.entry("decision", "allowed"),
            Map.entry("breakglass", "applied"),
            Map.entry("breakglass-bypassed", "ImageSecurityPolicy/payments/qa-only"));
  }

  @Test
  void recordsBreakglassAsUnusedWhenNothingNeededBypassing() {
    Decision decision =
        evaluator.evaluate(
            podWorkload(true, APP),
            List.of(isp("qa-only").build()),
            Facts.none().verified("qa", APP).map());

    assertThat(decision.breakglassApplied()).isFalse();
    assertThat(decision.warnings()).isEmpty();
    assertThat(decision.auditAnnotations())
        .containsExactly(Map.entry("decision", "allowed"), Map.entry("breakglass", "unused"));
  }

  @Test
  void deniesUnderBreakglassWhenThePolicyForbidsIt() {
    Policy policy = isp("qa-only").forbiddingBreakglass().build();

    Decision decision = evaluator.evaluate(podWorkload(true, APP), List.of(policy), qaMissing);

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.breakglassApplied()).isFalse();
    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-only: "
                + QA_MISSING
                + "; break-glass is forbidden by this policy");
    assertThat(decision.auditAnnotations())
        .containsExactly(
            Map.entry("decision", "denied"),
            Map.entry("breakglass", "forbidden"),
            Map.entry("denied-by", "ImageSecurityPolicy/payments/qa-only"));
  }

  @Test
  void deniesUnderBreakglassWhenOneOfTwoViolatedPoliciesForbidsIt() {
    Policy lenient = isp("qa-only").build();
    Policy strict = gap("security-gate").authorities("security").forbiddingBreakglass().build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(true, APP),
            List.of(strict, lenient),
            Facts.none()
                .notVerified("qa", APP, NO_ATTESTATION)
                .notVerified("security", APP, NO_ATTESTATION)
                .map());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.breakglassApplied()).isFalse();
    assertThat(decision.breakglassBypassed()).containsExactly(PolicyRef.of(lenient));
    assertThat(decision.deniedBy()).containsExactly(PolicyRef.of(strict));
    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by GenericAttestationPolicy payments/security-gate: no valid attestation"
                + " by authority security (security: "
                + NO_ATTESTATION
                + "); break-glass is forbidden by this policy");
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted under break-glass despite ImageSecurityPolicy payments/qa-only: "
                + QA_MISSING);
    assertThat(decision.auditAnnotations())
        .containsExactly(
            Map.entry("decision", "denied"),
            Map.entry("breakglass", "forbidden"),
            Map.entry("breakglass-bypassed", "ImageSecurityPolicy/payments/qa-only"),
            Map.entry("denied-by", "GenericAttestationPolicy/payments/security-gate"));
  }

  @Test
  void deniesDuringABackendOutageNamingTheOutage() {
    Decision decision =
        evaluator.evaluate(podWorkload(APP), List.of(isp("qa-only").build()), qaTimedOut);

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-only: attestation backend unavailable"
                + " ("
                + DEADLINE
                + ")");
  }

  @Test
  void admitsDuringABackendOutageWithAWarningWhenThePolicyAllowsIt() {
    Policy policy = isp("qa-only").allowingBackendOutage().build();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), qaTimedOut);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted with onBackendUnavailable Allow despite ImageSecurityPolicy"
                + " payments/qa-only: attestation backend unavailable ("
                + DEADLINE
                + ")");
    assertThat(decision.policyOutcomes())
        .containsExactly(Map.entry(PolicyRef.of(policy), PolicyOutcome.BACKEND_OUTAGE_ALLOWED));
    assertThat(decision.auditAnnotations())
        .containsExactly(
            Map.entry("decision", "allowed"),
            Map.entry("backend-outage-allowed", "ImageSecurityPolicy/payments/qa-only"));
  }

  @Test
  void neverCountsAMissingFactAsSuccess() {
    Policy policy =
        isp("two-of-three").authorities("qa", "security", "release").requiring(2).build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP), List.of(policy), Facts.none().verified("qa", APP).map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/two-of-three: attestation backend"
                + " unavailable (not checked)");
  }

  @Test
  void deniesAsMissingAttestationsWhenEvenTheUnansweredChecksCouldNotMakeItPass() {
    Policy policy =
        isp("two-of-three")
            .authorities("qa", "security", "release")
            .requiring(2)
            .allowingBackendOutage()
            .build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(policy),
            Facts.none()
                .notVerified("qa", APP, NO_ATTESTATION)
                .notVerified("security", APP, NO_ATTESTATION)
                .unavailable("release", APP, DEADLINE)
                .map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/two-of-three: 0 of 2 required"
                + " attestations (qa, security, release); missing: qa, security, release (qa: "
                + NO_ATTESTATION
                + "; security: "
                + NO_ATTESTATION
                + "; release: unavailable ("
                + DEADLINE
                + "))");
  }

  @Test
  void namesEachDistinctOutageOnce() {
    Policy policy = isp("qa-and-security").authorities("qa", "security").build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP),
            List.of(policy),
            Facts.none()
                .unavailable("qa", APP, DEADLINE)
                .unavailable("security", APP, DEADLINE)
                .map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-and-security: attestation backend"
                + " unavailable ("
                + DEADLINE
                + ")");
  }

  @Test
  void breakglassBypassesAnOutageDenial() {
    Decision decision =
        evaluator.evaluate(podWorkload(true, APP), List.of(isp("qa-only").build()), qaTimedOut);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted under break-glass despite ImageSecurityPolicy payments/qa-only:"
                + " attestation backend unavailable ("
                + DEADLINE
                + ")");
  }

  @Test
  void aDryRunPolicyNeverDeniesEvenUnderForbiddenBreakglass() {
    Policy policy = isp("qa-only").dryRun().forbiddingBreakglass().build();

    Decision decision = evaluator.evaluate(podWorkload(true, APP), List.of(policy), qaMissing);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.breakglassApplied()).isFalse();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted in dry run despite ImageSecurityPolicy payments/qa-only: "
                + QA_MISSING);
  }
}
