package io.dikast.engine.policy;

import static io.dikast.engine.policy.PolicyBuilder.gap;
import static io.dikast.engine.policy.PolicyBuilder.isp;
import static io.dikast.engine.workload.WorkloadFixtures.digestOf;
import static io.dikast.engine.workload.WorkloadFixtures.pinnedImage;
import static io.dikast.engine.workload.WorkloadFixtures.podWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredChecksTest {

  private static final String APP = pinnedImage("payment");
  private static final String PAUSE = "gcr.io/google-containers/pause@" + digestOf("pause");

  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  @Test
  void asksForEveryAuthorityOfEveryPolicyForEachPinnedImageNotAllowlisted() {
    List<Policy> policies =
        List.of(
            isp("qa-only").allowlisting("gcr.io/google-containers/*").build(),
            gap("release-gate").authorities("security", "release").requiring(1).build());

    assertThat(evaluator.requiredChecks(podWorkload(APP, PAUSE, "nginx:latest"), policies))
        .containsExactly(
            AttestationCheck.of("qa", APP),
            AttestationCheck.of("security", APP),
            AttestationCheck.of("release", APP),
            AttestationCheck.of("security", PAUSE),
            AttestationCheck.of("release", PAUSE));
  }

  @Test
  void asksOnceForTheSameDigestWrittenWithATagOrTheResourceUriScheme() {
    String tagged = "gcr.io/hightowerlabs/payment:1.0@" + digestOf("payment");

    assertThat(
            evaluator.requiredChecks(
                podWorkload(APP, tagged, "https://" + APP), List.of(isp("qa-only").build())))
        .containsExactly(AttestationCheck.of("qa", APP));
  }

  @Test
  void asksNothingWithoutPolicies() {
    assertThat(evaluator.requiredChecks(podWorkload(APP), List.of())).isEmpty();
  }

  @Test
  void aCheckIsKeyedByTheNormalisedPinnedImage() {
    String digest = "sha256:" + "c".repeat(64);
    AttestationCheck check = AttestationCheck.of("qa", "nginx@" + digest);

    assertThat(check.image().pinned()).isEqualTo("docker.io/library/nginx@" + digest);
    assertThat(check)
        .isEqualTo(AttestationCheck.of("qa", "index.docker.io/library/nginx@" + digest));
  }
}
