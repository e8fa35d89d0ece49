package io.dikast.operator.verificationapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.api.v1.VerificationResult;
import io.dikast.api.v1.VerifyImagesRequest;
import io.dikast.api.v1.WhatIfRequest;
import io.dikast.api.v1.WhatIfResult;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.operator.admission.AdmissionSettings;
import io.dikast.operator.admission.WorkloadDecider;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.InMemoryAttestations;
import io.dikast.operator.verification.NoBuilds;
import io.dikast.operator.verification.NoRegistry;
import io.dikast.operator.verification.VerificationCache;
import io.dikast.operator.verification.VerificationSettings;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.RegistryCredentials;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The race behind VerificationApiTest's break-glass flake, made deterministic: the informers have
 * published the namespace's policy, but the policy set is not marked loaded yet (the load monitor
 * marks it once every informer synced, on its own poll). In that window the webhook fails closed;
 * the verification API must say it cannot answer yet rather than report a denial as a verdict.
 */
class VerificationApiWhileStartingTest {

  private final DikastMetrics metrics = new DikastMetrics(new SimpleMeterRegistry());
  private final FactResolver facts =
      new FactResolver(
          new AttestationFactFinder(new InMemoryAttestations(), NoBuilds.SOURCE, metrics),
          NoRegistry.finder(metrics),
          RegistryCredentials.NONE,
          new VerificationCache(CacheSettings.defaults()),
          metrics,
          VerificationSettings.defaults(),
          Duration.ofSeconds(2));
  private final VulnerabilityResolver vulnerabilities =
      new VulnerabilityResolver(
          (image, deadline) -> {
            throw new BackendUnavailableException("this test has no vulnerability backend");
          },
          VerificationSettings.defaults());
  private final PolicySetView view = new PolicySetView("dikast");
  // No what-if is answered while starting, so none needs an evaluator.
  private final VerificationApi api =
      new VerificationApi(
          new WorkloadDecider(view, facts, vulnerabilities),
          view,
          AdmissionSettings.defaults(),
          null);

  @AfterEach
  void stop() {
    facts.close();
    vulnerabilities.close();
  }

  @Test
  void answersUnavailableWhileThePublishedPolicySetIsNotYetLoaded() {
    view.putPolicy(qaOnly());

    Answer answer = breakglass();

    assertThat(answer.results).as("a denial is no verdict while starting").isEmpty();
    assertThat(answer.error).isNotNull();
    assertThat(Status.fromThrowable(answer.error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Status.fromThrowable(answer.error).getDescription())
        .isEqualTo(VerificationApi.STARTING);
  }

  @Test
  void answersAWhatIfUnavailableWhileStarting() {
    List<Throwable> errors = new ArrayList<>();
    api.whatIf(
        WhatIfRequest.newBuilder().setNamespace("api-1").setPolicy("{}").build(),
        new StreamObserver<>() {
          @Override
          public void onNext(WhatIfResult value) {
            throw new AssertionError("answered while starting: " + value);
          }

          @Override
          public void onError(Throwable t) {
            errors.add(t);
          }

          @Override
          public void onCompleted() {}
        });

    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void admitsTheSameBreakglassRequestOnceThePolicySetIsLoaded() {
    view.putPolicy(qaOnly());
    view.markLoaded();

    Answer answer = breakglass();

    assertThat(answer.error).isNull();
    assertThat(answer.results).singleElement().matches(VerificationResult::getAllowed);
    assertThat(answer.results.get(0).getWarningsList())
        .containsExactly(
            "image nginx:1.25 admitted under break-glass despite ImageSecurityPolicy"
                + " api-1/qa-only: image is not pinned by a sha256 digest");
  }

  private Answer breakglass() {
    Answer answer = new Answer();
    api.verifyImages(
        VerifyImagesRequest.newBuilder()
            .setNamespace("api-1")
            .addImages("nginx:1.25")
            .setBreakglass(true)
            .build(),
        answer);
    return answer;
  }

  private static Policy qaOnly() {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        "api-1",
        "qa-only",
        List.of(),
        List.of("qa"),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }

  private static final class Answer implements StreamObserver<VerificationResult> {
    final List<VerificationResult> results = new ArrayList<>();
    Throwable error;

    @Override
    public void onNext(VerificationResult result) {
      results.add(result);
    }

    @Override
    public void onError(Throwable failure) {
      error = failure;
    }

    @Override
    public void onCompleted() {}
  }
}
