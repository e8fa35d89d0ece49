package io.dikast.operator.verificationapi;

import io.dikast.api.v1.VerificationResult;
import io.dikast.api.v1.VerificationServiceGrpc;
import io.dikast.api.v1.VerifyImagesRequest;
import io.dikast.api.v1.VerifyWorkloadRequest;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import io.dikast.operator.admission.AdmissionConfig;
import io.dikast.operator.admission.WorkloadDecider;
import io.dikast.operator.policyset.PolicySetView;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code dikast.v1.VerificationService}: would this workload, or these images, be admitted in a
 * namespace now? Answered from the live policy set by the webhook's own decider, so the messages
 * are the webhook's. Nothing is recorded: asking is not deploying. A manifest of a kind the webhook
 * does not check ({@link io.dikast.engine.workload.UnsupportedWorkloadException}) or that is not a
 * JSON object is an INVALID_ARGUMENT. Until the replica has loaded the policy set the answer is
 * UNAVAILABLE: the webhook denies then, to fail closed, but that denial is no verdict on the
 * workload, and a pipeline asking must retry rather than read it as one.
 */
@GrpcService
@Blocking
public class VerificationApi extends VerificationServiceGrpc.VerificationServiceImplBase {

  static final String STARTING =
      "the operator has not loaded the cluster's image policies yet; retry shortly";

  private final WorkloadDecider decider;
  private final PolicySetView policies;
  private final AdmissionConfig config;

  public VerificationApi(WorkloadDecider decider, PolicySetView policies, AdmissionConfig config) {
    this.decider = decider;
    this.policies = policies;
    this.config = config;
  }

  @Override
  public void verifyWorkload(
      VerifyWorkloadRequest request, StreamObserver<VerificationResult> answer) {
    Workload workload;
    try {
      workload =
          WorkloadExtractor.fromJson(request.getManifest())
              .inNamespaceIfAbsent(request.getNamespace());
    } catch (IllegalArgumentException e) {
      answer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    if (workload.namespace().isEmpty()) {
      answer.onError(
          Status.INVALID_ARGUMENT
              .withDescription("the workload names no namespace and the request none either")
              .asRuntimeException());
      return;
    }
    respond(workload, answer);
  }

  @Override
  public void verifyImages(VerifyImagesRequest request, StreamObserver<VerificationResult> answer) {
    if (request.getNamespace().isEmpty() || request.getImagesCount() == 0) {
      answer.onError(
          Status.INVALID_ARGUMENT
              .withDescription("a namespace and at least one image are required")
              .asRuntimeException());
      return;
    }
    List<ContainerImage> images =
        request.getImagesList().stream()
            .map(image -> new ContainerImage("", ContainerType.CONTAINER, image))
            .toList();
    respond(
        new Workload("Pod", request.getNamespace(), "", images, request.getBreakglass()), answer);
  }

  private void respond(Workload workload, StreamObserver<VerificationResult> answer) {
    if (!policies.isLoaded()) {
      answer.onError(Status.UNAVAILABLE.withDescription(STARTING).asRuntimeException());
      return;
    }
    Decision decision = decider.decide(workload, deadline());
    answer.onNext(
        VerificationResult.newBuilder()
            .setAllowed(decision.allowed())
            .addAllDenials(decision.denials())
            .addAllWarnings(decision.warnings())
            .build());
    answer.onCompleted();
  }

  // The same budget as an admission review: the answer is the one the API server would get.
  private Deadline deadline() {
    return Deadline.after(
        config.budget().minus(config.responseReserve()).toNanos(), TimeUnit.NANOSECONDS);
  }
}
