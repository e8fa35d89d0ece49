package io.dikast.engine.policy;

import static io.dikast.engine.policy.PolicyBuilder.isp;
import static io.dikast.engine.workload.WorkloadFixtures.pinnedImage;
import static io.dikast.engine.workload.WorkloadFixtures.podWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.vulnerability.Severity;
import io.dikast.engine.vulnerability.SeverityLimit;
import io.dikast.engine.vulnerability.Vulnerability;
import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code onBackendUnavailable: UseCachedFacts}: an attestation verified before an outage counts
 * only under that mode, only within the policy's {@code cachedFactsMaxAge}, and always with a
 * warning saying so.
 */
class CachedFactsTest {

  private static final String APP = pinnedImage("payment");
  private static final String DOWN = "Grafeas at 10.0.0.7:8080 is unavailable";
  private static final String OUTAGE = "attestation backend unavailable (" + DOWN + ")";
  private static final Duration AGE = Duration.ofMinutes(4).plusSeconds(12).plusMillis(700);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final VulnerabilityRequirements UP_TO_MEDIUM =
      new VulnerabilityRequirements(SeverityLimit.MEDIUM, SeverityLimit.ALLOW_ALL, List.of());

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final Map<AttestationCheck, AttestationFact> qaCached =
      Facts.none().unavailableAfterVerifying("qa", APP, DOWN, AGE).map();

  @Test
  void admitsOnACachedAttestationWithAWarningWhereThePolicyUsesCachedFacts() {
    Policy policy = isp("qa-only").usingCachedFacts(HOUR).build();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), qaCached);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted on a cached attestation by qa verified 4m12s ago despite"
                + " ImageSecurityPolicy payments/qa-only: "
                + OUTAGE);
    assertThat(decision.policyOutcomes())
        .containsExactly(Map.entry(PolicyRef.of(policy), PolicyOutcome.CACHED_FACTS_USED));
    assertThat(decision.auditAnnotations())
        .containsExactly(
            Map.entry("decision", "allowed"),
            Map.entry("cached-facts-used", "ImageSecurityPolicy/payments/qa-only"));
  }

  @Test
  void deniesACachedAttestationUnderTheDefaultModeNamingTheOutage() {
    Policy policy = isp("qa-only").build();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), qaCached);

    assertThat(decision.denials())
        .containsExactly(
            "image " + APP + " denied by ImageSecurityPolicy payments/qa-only: " + OUTAGE);
    assertThat(decision.warnings()).isEmpty();
  }

  @Test
  void allowModeKeepsItsOwnWarningAndIgnoresCachedAttestations() {
    Policy policy = isp("qa-only").allowingBackendOutage().build();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), qaCached);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted with onBackendUnavailable Allow despite ImageSecurityPolicy"
                + " payments/qa-only: "
                + OUTAGE);
  }

  @Test
  void deniesACachedAttestationOlderThanTheCachedFactsMaxAge() {
    Policy policy = isp("qa-only").usingCachedFacts(Duration.ofMinutes(4)).build();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), qaCached);

    assertThat(decision.denials())
        .containsExactly(
            "image " + APP + " denied by ImageSecurityPolicy payments/qa-only: " + OUTAGE);
    assertThat(decision.warnings()).isEmpty();
  }

  @Test
  void countsACachedAttestationExactlyAsOldAsTheCachedFactsMaxAge() {
    Policy policy = isp("qa-only").usingCachedFacts(AGE).build();

    assertThat(evaluator.evaluate(podWorkload(APP), List.of(policy), qaCached).allowed()).isTrue();
  }

  @Test
  void deniesAnOutageWithNothingVerifiedBeforeItEvenWhereThePolicyUsesCachedFacts() {
    Policy policy = isp("qa-only").usingCachedFacts(HOUR).build();

    Decision decision =
        evaluator.evaluate(
            podWorkload(APP), List.of(policy), Facts.none().unavailable("qa", APP, DOWN).map());

    assertThat(decision.denials())
        .containsExactly(
            "image " + APP + " denied by ImageSecurityPolicy payments/qa-only: " + OUTAGE);
  }

  @Test
  void aCachedAttestationNeverOutweighsAnAnswerThatNoneExists() {
    Policy policy =
        isp("qa-and-security").authorities("qa", "security").usingCachedFacts(HOUR).build();
    Map<AttestationCheck, AttestationFact> facts =
        Facts.none()
            .notVerified("qa", APP, "no attestation occurrence for this digest")
            .unavailableAfterVerifying("security", APP, DOWN, AGE)
            .map();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), facts);

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-and-security: no valid attestation"
                + " by authorities qa, security (qa: no attestation occurrence for this digest;"
                + " security: unavailable ("
                + DOWN
                + "))");
    assertThat(decision.warnings()).isEmpty();
  }

  @Test
  void namesEveryCountedAuthorityInPolicyOrder() {
    Policy policy =
        isp("qa-and-security").authorities("qa", "security").usingCachedFacts(HOUR).build();
    Map<AttestationCheck, AttestationFact> facts =
        Facts.none()
            .unavailableAfterVerifying("qa", APP, DOWN, Duration.ofSeconds(60))
            .unavailableAfterVerifying("security", APP, DOWN, Duration.ofMillis(12_999))
            .map();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), facts);

    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted on cached attestations by qa verified 1m ago, security verified 12s"
                + " ago despite ImageSecurityPolicy payments/qa-and-security: "
                + OUTAGE);
  }

  @Test
  void needsNoCachedAttestationWhenFreshOnesSuffice() {
    Policy policy =
        isp("one-of-two").authorities("qa", "security").requiring(1).usingCachedFacts(HOUR).build();
    Map<AttestationCheck, AttestationFact> facts =
        Facts.none()
            .verified("qa", APP)
            .unavailableAfterVerifying("security", APP, DOWN, AGE)
            .map();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), facts);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings()).isEmpty();
    assertThat(decision.policyOutcomes())
        .containsExactly(Map.entry(PolicyRef.of(policy), PolicyOutcome.PASSED));
  }

  @Test
  void completesKOfNWithACachedAttestationAndNamesOnlyTheCachedOne() {
    Policy policy =
        isp("two-of-three")
            .authorities("qa", "security", "release")
            .requiring(2)
            .usingCachedFacts(HOUR)
            .build();
    Map<AttestationCheck, AttestationFact> facts =
        Facts.none()
            .verified("qa", APP)
            .unavailableAfterVerifying("security", APP, DOWN, AGE)
            .notVerified("release", APP, "no attestation occurrence for this digest")
            .map();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(policy), facts);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted on a cached attestation by security verified 4m12s ago despite"
                + " ImageSecurityPolicy payments/two-of-three: "
                + OUTAGE);
  }

  @Test
  void saysNothingOfCachedAttestationsWhenThePolicyDeniesTheImageForVulnerabilities() {
    Policy policy = isp("qa-only").usingCachedFacts(HOUR).requiring(UP_TO_MEDIUM).build();

    Decision decision =
        evaluator.evaluate(podWorkload(APP), List.of(policy), qaCached, highSeverity());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/qa-only: 1 vulnerability above MEDIUM:"
                + " CVE-2024-1234 (HIGH, openssl)");
    assertThat(decision.warnings()).isEmpty();
  }

  @Test
  void warnsOfCachedAttestationsBesideADryRunViolation() {
    Policy policy = isp("qa-only").usingCachedFacts(HOUR).requiring(UP_TO_MEDIUM).dryRun().build();

    Decision decision =
        evaluator.evaluate(podWorkload(APP), List.of(policy), qaCached, highSeverity());

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted in dry run despite ImageSecurityPolicy payments/qa-only: 1"
                + " vulnerability above MEDIUM: CVE-2024-1234 (HIGH, openssl)",
            "image "
                + APP
                + " admitted on a cached attestation by qa verified 4m12s ago despite"
                + " ImageSecurityPolicy payments/qa-only: "
                + OUTAGE);
  }

  @Test
  void aPolicyThatDeniesIsNotExcusedByAnotherThatUsesCachedFacts() {
    Policy lenient = isp("cached").usingCachedFacts(HOUR).build();
    Policy strict = isp("strict").build();

    Decision decision = evaluator.evaluate(podWorkload(APP), List.of(lenient, strict), qaCached);

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials())
        .containsExactly(
            "image " + APP + " denied by ImageSecurityPolicy payments/strict: " + OUTAGE);
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted on a cached attestation by qa verified 4m12s ago despite"
                + " ImageSecurityPolicy payments/cached: "
                + OUTAGE);
  }

  private static Map<VulnerabilityCheck, VulnerabilityFact> highSeverity() {
    return Map.of(
        VulnerabilityCheck.of(APP),
        new VulnerabilityFact.Reported(
            List.of(
                new Vulnerability(
                    "projects/goog-vulnz/notes/CVE-2024-1234",
                    Severity.HIGH,
                    List.of("openssl"),
                    true))));
  }
}
