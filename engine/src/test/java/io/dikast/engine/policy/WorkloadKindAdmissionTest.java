package io.dikast.engine.policy;

import static io.dikast.engine.policy.PolicyBuilder.isp;
import static io.dikast.engine.workload.WorkloadFixtures.ofKind;
import static io.dikast.engine.workload.WorkloadFixtures.pinnedImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.workload.BreakglassAnnotation;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import io.dikast.engine.workload.WorkloadFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** From a workload object of each kind to the decision, as the webhook and the CLI run it. */
class WorkloadKindAdmissionTest {

  private static final String APP = pinnedImage("payment");
  private static final List<String> KINDS = WorkloadFixtures.KINDS;
  private static final List<Policy> QA_ONLY = List.of(isp("qa-only").build());
  private static final String DENIAL =
      "image "
          + APP
          + " denied by ImageSecurityPolicy payments/qa-only: no valid attestation by authority qa"
          + " (qa: no attestation occurrence for this digest)";

  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  @ParameterizedTest
  @FieldSource("KINDS")
  void deniesUnattestedImage(String kind) {
    Decision decision = decide(WorkloadExtractor.extract(ofKind(kind, APP)), false);

    assertThat(decision.denials()).containsExactly(DENIAL);
  }

  @ParameterizedTest
  @FieldSource("KINDS")
  void allowsAttestedImage(String kind) {
    Decision decision = decide(WorkloadExtractor.extract(ofKind(kind, APP)), true);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings()).isEmpty();
  }

  @Test
  void admitsADeploymentWhosePodTemplateRequestsBreakglass() {
    Workload workload =
        WorkloadExtractor.extract(
            ofKind("Deployment", APP, Map.of(), Map.of(BreakglassAnnotation.NAME, "true")));

    Decision decision = decide(workload, false);

    assertThat(decision.breakglassApplied()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "image "
                + APP
                + " admitted under break-glass despite ImageSecurityPolicy payments/qa-only: no"
                + " valid attestation by authority qa (qa: no attestation occurrence for this"
                + " digest)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "TRUE", "yes"})
  void deniesADeploymentWhoseBreakglassValueIsNotExactlyTrue(String value) {
    Workload workload =
        WorkloadExtractor.extract(
            ofKind(
                "Deployment",
                APP,
                Map.of(BreakglassAnnotation.NAME, value),
                Map.of(BreakglassAnnotation.NAME, value)));

    Decision decision = decide(workload, false);

    assertThat(decision.denials()).containsExactly(DENIAL);
    assertThat(decision.auditAnnotations()).doesNotContainKey("breakglass");
  }

  private Decision decide(Workload workload, boolean attested) {
    Facts facts =
        attested
            ? Facts.none().verified("qa", APP)
            : Facts.none().notVerified("qa", APP, "no attestation occurrence for this digest");
    return evaluator.evaluate(workload, QA_ONLY, facts.map());
  }
}
