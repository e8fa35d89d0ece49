package io.dikast.operator.admission;

import io.dikast.engine.policy.Decision;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.autoattest.AdmittedImages;
import io.dikast.operator.breakglass.AdmissionRecorder;
import io.dikast.operator.metrics.DikastMetrics;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Answers one admission review within its budget: the decision, then the metric, the log line and
 * the recorded consequences. An unexpected failure denies: it never admits an image.
 */
@ApplicationScoped
public class AdmissionService {

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
   * The answer to {@code call}.
   *
   * @param startNanos {@link System#nanoTime()} when the request arrived; the budget counts from it
   */
  public AdmissionReview review(AdmissionCall call, long startNanos) {
    if (call.skipReason().isPresent()) {
      String reason = call.skipReason().get();
      finish(call, "-", "skipped", startNanos, List.of(), List.of(reason));
      return AdmissionResponses.skipped(call.uid(), reason);
    }
    Workload workload = call.workload().orElseThrow();
    String object = workload.namespace() + "/" + workload.name();
    Decision decision;
    try {
      decision = decider.decide(workload, deadline(startNanos));
    } catch (RuntimeException e) {
      LOG.errorf(e, "admission %s failed; denying", call.uid());
      String message = "Dikast could not evaluate the request: " + e.getClass().getSimpleName();
      finish(call, object, "denied", startNanos, List.of(message), List.of());
      return AdmissionResponses.failedClosed(call.uid(), message);
    }
    if (!call.dryRun()) {
      recordQuietly(call, workload, decision);
      admitted.offer(workload);
    }
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
