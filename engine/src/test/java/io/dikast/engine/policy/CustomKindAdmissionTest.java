package io.dikast.engine.policy;

import static io.dikast.engine.policy.PolicyBuilder.isp;
import static io.dikast.engine.workload.WorkloadFixtures.pinnedImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.workload.GroupKind;
import io.dikast.engine.workload.PodSpecKind;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom kinds from their JSON to the decision, including a policy's own pod spec places. */
class CustomKindAdmissionTest {

  private static final String APP = pinnedImage("payment");
  private static final GroupKind RUNNER = new GroupKind("ci.example.com", "Runner");
  private static final PodSpecKind WORKERS = new PodSpecKind(RUNNER, "/spec/workers/pod");
  private static final String ABSENT =
      "Runner payments/nightly denied by ImageSecurityPolicy payments/runners: the policy says"
          + " Runner.ci.example.com keeps its pod spec at /spec/workers/pod, but the object has"
          + " nothing there";

  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  @Test
  void deniesTheImageAPolicyFindsWhereItSaysTheKindKeepsItsPodSpec() {
    Workload runner = runner("{\"workers\": {\"pod\": {\"containers\": [{\"image\": \"%s\"}]}}}");
    Policy policy = isp("runners").declaring(WORKERS).build();

    Decision decision = evaluator.evaluate(runner, List.of(policy), unattested().map());

    assertThat(decision.denials())
        .containsExactly(
            "image "
                + APP
                + " denied by ImageSecurityPolicy payments/runners: no valid attestation by"
                + " authority qa (qa: no attestation occurrence for this digest)");
  }

  @Test
  void deniesAnObjectWithNothingWhereThePolicySaysItsPodSpecIs() {
    Workload runner = runner("{\"workers\": {}}");
    Policy policy = isp("runners").declaring(WORKERS).build();

    Decision decision = evaluator.evaluate(runner, List.of(policy), Facts.none().map());

    assertThat(decision.denials()).containsExactly(ABSENT);
    assertThat(decision.auditAnnotations())
        .containsEntry("denied-by", "ImageSecurityPolicy/payments/runners");
  }

  @Test
  void onlyThePolicyThatDeclaredThePlaceDeniesItsAbsence() {
    Workload runner = runner("{\"workers\": {}}");
    Policy declaring = isp("runners").declaring(WORKERS).build();
    Policy other = isp("other").build();

    Decision decision = evaluator.evaluate(runner, List.of(other, declaring), Facts.none().map());

    assertThat(decision.denials()).containsExactly(ABSENT);
  }

  @Test
  void warnsInsteadOfDenyingInDryRun() {
    Workload runner = runner("{}");
    Policy policy = isp("runners").declaring(WORKERS).dryRun().build();

    Decision decision = evaluator.evaluate(runner, List.of(policy), Facts.none().map());

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings())
        .containsExactly(
            "Runner payments/nightly admitted in dry run despite ImageSecurityPolicy"
                + " payments/runners: the policy says Runner.ci.example.com keeps its pod spec at"
                + " /spec/workers/pod, but the object has nothing there");
  }

  @Test
  void checksTheImagesOfAConventionalTemplateWithoutAnyDeclaration() {
    Workload runner = runner("{\"template\": {\"spec\": {\"containers\": [{\"image\": \"%s\"}]}}}");

    Decision decision =
        evaluator.evaluate(runner, List.of(isp("qa-only").build()), unattested().map());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials()).hasSize(1).first().asString().startsWith("image " + APP);
  }

  private static Workload runner(String spec) {
    String json =
        ("{\"apiVersion\": \"ci.example.com/v1\", \"kind\": \"Runner\","
                + " \"metadata\": {\"name\": \"nightly\", \"namespace\": \"payments\"},"
                + " \"spec\": "
                + spec
                + "}")
            .replace("%s", APP);
    return WorkloadExtractor.read(RUNNER, WorkloadExtractor.parse(json), List.of(WORKERS))
        .orElseThrow();
  }

  private static Facts unattested() {
    return Facts.none().notVerified("qa", APP, "no attestation occurrence for this digest");
  }
}
