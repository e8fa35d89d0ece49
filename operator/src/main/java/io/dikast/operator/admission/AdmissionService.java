package io.dikast.operator.admission;

import io.dikast.engine.policy.Decision;
import io.dikast.engine.workload.PodSpecKind;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.autoattest.AdmittedImages;
import io.dikast.operator.breakglass.AdmissionRecorder;
import io.dikast.operator.metrics.DikastMetrics;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Answers one admission review within its budget: where the object's pods are (given the
 * namespace's policies), the decision, then the metric, the log line and the recorded consequences.
 * Nothing here blocks: the webhook calls it on the event loop that read the request. An object
 * without a pod spec is admitted, logged and counted as skipped. An unexpected failure denies: it
 * never admits an image.
 */
@ApplicationScoped
public class AdmissionService {

  static final String UNCHANGED_IMAGES = "UPDATE changes no image";

  private static final Logger LOG = Logger.getLogger(AdmissionService.class);

  private final WorkloadDecider decider;
  private final AdmissionRecorder recorder;
  private final DikastMetrics metrics;
  private final AdmissionConfig config;
  private final AdmittedImages admitted;

  public AdmissionService(
      WorkloadDecider decider,
      AdmissionRecorder recorder,
      DikastMetrics metrics,
      AdmissionConfig config,
      AdmittedImages admitted) {
    this.decider = decider;
    this.recorder = recorder;
    this.metrics = metrics;
    this.config = config;
    this.admitted = admitted;
  }

  /**
   * The answer to {@code call}: complete at once when the decision needs nothing from Grafeas
   * (every fact cached), otherwise when Grafeas answered or the budget ran out. Never completes
   * exceptionally for a failure of the decision: that is a denial.
   *
   * @param startNanos {@link System#nanoTime()} when the request arrived; the budget counts from it
   * @throws MalformedAdmissionReviewException when the object's pod spec cannot be read
   */
  public CompletableFuture<AdmissionReview> review(AdmissionCall call, long startNanos) {
    if (call.skipReason().isPresent()) {
      return CompletableFuture.completedFuture(
          skipped(call, "-", call.skipReason().get(), startNanos));
    }
    ReviewedObject object = call.object().orElseThrow();
    CompletableFuture<AdmissionReview> judged;
    try {
      judged = judge(call, object, startNanos);
    } catch (MalformedAdmissionReviewException e) {
      throw e;
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failedClosed(call, object, startNanos, e));
    }
    return judged.exceptionally(
        failure -> {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof RuntimeException e) {
            return failedClosed(call, object, startNanos, e);
          }
          throw failure instanceof CompletionException wrapped
              ? wrapped
              : new CompletionException(failure);
        });
  }

  private AdmissionReview failedClosed(
      AdmissionCall call, ReviewedObject object, long startNanos, RuntimeException e) {
    LOG.errorf(e, "admission %s failed; denying", call.uid());
    String message = "Dikast could not evaluate the request: " + e.getClass().getSimpleName();
    finish(call, object.describe(), "denied", startNanos, List.of(message), List.of());
    return AdmissionResponses.failedClosed(call.uid(), message);
  }

  private CompletableFuture<AdmissionReview> judge(
      AdmissionCall call, ReviewedObject object, long startNanos) {
    List<PodSpecKind> declared = decider.podSpecKinds(object.namespace());
    Optional<Workload> read = object.workload(declared);
    if (read.isEmpty()) {
      // Until every policy is loaded, one naming this kind may be missing from the view.
      return CompletableFuture.completedFuture(
          decider.isLoaded()
              ? skipped(call, object.describe(), object.noPodSpecReason(), startNanos)
              : decided(call, object.describe(), WorkloadDecider.STARTING, startNanos));
    }
    Workload workload = read.get();
    if (object.changesNoImage(workload, declared)) {
      return CompletableFuture.completedFuture(
          skipped(call, object.describe(), UNCHANGED_IMAGES, startNanos));
    }
    return decider
        .decideAsync(workload, deadline(startNanos))
        .thenApply(
            decision -> {
              if (!call.dryRun()) {
                recordQuietly(call, workload, decision);
                admitted.offer(workload);
              }
              return decided(call, object.describe(), decision, startNanos);
            });
  }

  private AdmissionReview skipped(
      AdmissionCall call, String object, String reason, long startNanos) {
    finish(call, object, "skipped", startNanos, List.of(), List.of(reason));
    return AdmissionResponses.skipped(call.uid(), reason);
  }

  private AdmissionReview decided(
      AdmissionCall call, String object, Decision decision, long startNanos) {
    finish(
        call,
        object,
        decision.allowed() ? "allowed" : "denied",
        startNanos,
        decision.denials(),
        decision.warnings());
    return AdmissionResponses.of(call.uid(), decision);
  }

  private Deadline deadline(long startNanos) {
    long elapsed = System.nanoTime() - startNanos;
    long left = config.budget().minus(config.responseReserve()).toNanos() - elapsed;
    return Deadline.after(Math.max(0, left), TimeUnit.NANOSECONDS);
  }

  private void recordQuietly(AdmissionCall call, Workload workload, Decision decision) {
    try {
      recorder.record(workload, call.user(), decision);
    } catch (RuntimeException e) {
      LOG.errorf(e, "could not record the consequences of admission %s", call.uid());
    }
  }

  private void finish(
      AdmissionCall call,
      String object,
      String decision,
      long startNanos,
      List<String> denials,
      List<String> warnings) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    metrics.admission(decision, call.kind(), elapsed);
    LOG.info(DecisionLogLine.of(call, object, decision, elapsed, denials, warnings));
  }
}
