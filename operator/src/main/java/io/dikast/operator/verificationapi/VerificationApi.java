package io.dikast.operator.verificationapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.api.v1.DeniedPod;
import io.dikast.api.v1.VerificationResult;
import io.dikast.api.v1.VerificationServiceGrpc;
import io.dikast.api.v1.VerifyImagesRequest;
import io.dikast.api.v1.VerifyWorkloadRequest;
import io.dikast.api.v1.WhatIfRequest;
import io.dikast.api.v1.WhatIfResult;
import io.dikast.crds.v1beta1.WhatIf;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.GroupKind;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import io.dikast.operator.admission.AdmissionConfig;
import io.dikast.operator.admission.WorkloadDecider;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.validation.WhatIfEvaluator;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code dikast.v1.VerificationService}: would this workload, or these images, be admitted in a
 * namespace now? Answered from the live policy set by the webhook's own decider, so the messages
 * are the webhook's. Nothing is recorded: asking is not deploying. The request's namespace, when
 * set, is the one the manifest is judged in, whatever the manifest says (as {@code kubectl apply
 * -n} would place it, and as the webhook judges by the request's namespace); the manifest's kind
 * says where its pods are, as the webhook reads it. A manifest that carries no pod spec (the
 * webhook admits it unchecked), has the wrong shape or is not a JSON object is an INVALID_ARGUMENT.
 * Until the replica has loaded the policy set the answer is UNAVAILABLE: the webhook denies then,
 * to fail closed, but that denial is no verdict on the workload, and a pipeline asking must retry
 * rather than read it as one.
 */
@GrpcService
@Blocking
public class VerificationApi extends VerificationServiceGrpc.VerificationServiceImplBase {

  static final String STARTING =
      "the operator has not loaded the cluster's image policies yet; retry shortly";

  private final WorkloadDecider decider;
  private final PolicySetView policies;
  private final AdmissionConfig config;
  private final WhatIfEvaluator whatIfs;

  public VerificationApi(
      WorkloadDecider decider,
      PolicySetView policies,
      AdmissionConfig config,
      WhatIfEvaluator whatIfs) {
    this.decider = decider;
    this.policies = policies;
    this.config = config;
    this.whatIfs = whatIfs;
  }

  /**
   * The running pods of the policy's namespace it would deny if applied and enforced, with the
   * namespace's live authorities; the policy is not applied.
   */
  @Override
  public void whatIf(WhatIfRequest request, StreamObserver<WhatIfResult> answer) {
    if (!policies.isLoaded()) {
      answer.onError(Status.UNAVAILABLE.withDescription(STARTING).asRuntimeException());
      return;
    }
    Policy policy;
    try {
      policy = WhatIfPolicy.read(request.getPolicy(), request.getNamespace());
    } catch (IllegalArgumentException e) {
      answer.onError(invalid(e.getMessage()));
      return;
    }
    WhatIf whatIf;
    try {
      whatIf = whatIfs.evaluate(policy);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
      return;
    }
    WhatIfResult.Builder result =
        WhatIfResult.newBuilder()
            .setPolicy(policy.namespace() + "/" + policy.name())
            .setPods(whatIf.getPods())
            .setWouldDeny(whatIf.getWouldDeny())
            .setUnknown(whatIf.getUnknown());
    for (String line : whatIf.getDeniedPods()) {
      int colon = line.indexOf(": ");
      result.addDeniedPods(
          DeniedPod.newBuilder()
              .setPod(line.substring(0, colon))
              .setReason(line.substring(colon + 2)));
    }
    answer.onNext(result.build());
    answer.onCompleted();
  }

  @Override
  public void verifyWorkload(
      VerifyWorkloadRequest request, StreamObserver<VerificationResult> answer) {
    Workload workload;
    try {
      workload = workload(request);
    } catch (StatusRuntimeException refused) {
      answer.onError(refused);
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

  private Workload workload(VerifyWorkloadRequest request) {
    JsonNode manifest;
    Optional<Workload> read;
    String namespace;
    try {
      manifest = WorkloadExtractor.parse(request.getManifest());
      namespace =
          request.getNamespace().isEmpty()
              ? manifest.path("metadata").path("namespace").asText("")
              : request.getNamespace();
      read = WorkloadExtractor.readManifest(manifest, decider.podSpecKinds(namespace));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    if (read.isEmpty()) {
      GroupKind kind =
          GroupKind.ofApiVersion(
              manifest.path("apiVersion").asText(""), manifest.path("kind").asText(""));
      throw invalid("kind " + kind + " carries no pod spec; the webhook admits it unchecked");
    }
    if (namespace.isEmpty()) {
      throw invalid("the workload names no namespace and the request none either");
    }
    return read.get().inNamespace(namespace);
  }

  private static StatusRuntimeException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
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
