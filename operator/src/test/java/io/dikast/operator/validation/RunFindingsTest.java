package io.dikast.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.PolicyRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunFindingsTest {

  private static final PolicyRef QA =
      new PolicyRef(PolicyKind.IMAGE_SECURITY_POLICY, "payments", "qa-only");
  private static final PolicyRef SIGNED =
      new PolicyRef(PolicyKind.GENERIC_ATTESTATION_POLICY, "payments", "signed");
  private static final Instant NOW = Instant.parse("2026-11-28T03:00:00.123Z");

  private final RunFindings findings = new RunFindings();

  @Test
  void countsEveryViolatingPodButListsAtMostTheBoundSorted() {
    IntStream.range(0, PolicyStatus.MAX_VIOLATING_PODS + 5)
        .forEach(
            i ->
                findings.record(
                    "payments",
                    String.format("pod-%03d", 99 - i),
                    new PodVerdict.Violating("denied", List.of(QA))));

    RunFindings.PolicyResult result = findings.resultFor(QA);

    assertThat(result.violations()).isEqualTo(PolicyStatus.MAX_VIOLATING_PODS + 5);
    assertThat(result.violatingPods())
        .hasSize(PolicyStatus.MAX_VIOLATING_PODS)
        .startsWith("pod-045", "pod-046")
        .endsWith("pod-094");
    assertThat(result.outage()).isEmpty();
  }

  @Test
  void countsAPodOnlyForThePoliciesThatDenyIt() {
    findings.record("payments", "payment", new PodVerdict.Violating("denied", List.of(SIGNED)));
    findings.record("payments", "other", new PodVerdict.Compliant());

    assertThat(findings.resultFor(QA).violations()).isZero();
    assertThat(findings.resultFor(SIGNED).violatingPods()).containsExactly("payment");
  }

  @Test
  void anOutageInANamespaceReachesItsPoliciesOnly() {
    findings.record("payments", "payment", new PodVerdict.Unknown("connection refused"));

    assertThat(findings.resultFor(QA).outage()).contains("connection refused");
    assertThat(
            findings
                .resultFor(new PolicyRef(PolicyKind.IMAGE_SECURITY_POLICY, "billing", "qa-only"))
                .outage())
        .isEmpty();
  }

  @Test
  void anOutageKeepsTheLastKnownViolationsAndSaysWhy() {
    PolicyStatus previous = new PolicyStatus();
    previous.setViolations(2);
    previous.setViolatingPods(List.of("a", "b"));

    PolicyStatus status =
        ValidationStatuses.apply(
            previous,
            new RunFindings.PolicyResult(0, List.of(), Optional.of("connection refused")),
            3L,
            NOW);

    assertThat(status.getViolations()).isEqualTo(2);
    assertThat(status.getViolatingPods()).containsExactly("a", "b");
    assertThat(status.getLastValidationTime()).isEqualTo("2026-11-28T03:00:00Z");
    assertThat(status.getConditions())
        .singleElement()
        .satisfies(
            condition -> {
              assertThat(condition.getType()).isEqualTo("Validated");
              assertThat(condition.getStatus()).isEqualTo("False");
              assertThat(condition.getReason()).isEqualTo("GrafeasUnavailable");
              assertThat(condition.getMessage())
                  .isEqualTo("pods were not re-validated: connection refused");
              assertThat(condition.getObservedGeneration()).isEqualTo(3L);
            });
  }
}
