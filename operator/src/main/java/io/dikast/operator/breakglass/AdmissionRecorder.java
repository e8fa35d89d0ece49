package io.dikast.operator.breakglass;

import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.PolicyRef;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.metrics.DikastMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Records a decision's consequences on the policies it involved: a denial on each denying policy, a
 * break-glass bypass (event, metric, status) on each bypassed one. Never blocks the admission.
 * Without an API server (standalone mode) a bypass is recorded in the log, for the audit trail.
 */
@ApplicationScoped
public class AdmissionRecorder {

  private static final Logger LOG = Logger.getLogger(AdmissionRecorder.class);

  private final Optional<PolicyStatusRecorder> status;
  private final DikastMetrics metrics;
  private final Clock clock;

  @Inject
  AdmissionRecorder(Instance<PolicyStatusRecorder> status, DikastMetrics metrics) {
    this(
        status.isResolvable() ? Optional.of(status.get()) : Optional.empty(),
        metrics,
        Clock.systemUTC());
  }

  public AdmissionRecorder(PolicyStatusRecorder status, DikastMetrics metrics) {
    this(Optional.of(status), metrics, Clock.systemUTC());
  }

  AdmissionRecorder(Optional<PolicyStatusRecorder> status, DikastMetrics metrics, Clock clock) {
    this.status = status;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void record(Workload workload, String user, Decision decision) {
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    for (PolicyRef policy : decision.deniedBy()) {
      status.ifPresent(
          recorder ->
              recorder.observe(
                  policy, PolicyObservations.denial(now, linesAbout(policy, decision.denials()))));
    }
    if (decision.breakglassApplied()) {
      metrics.breakglassAdmission();
      String name = workload.kind() + "/" + workload.namespace() + "/" + workload.name();
      for (PolicyRef policy : decision.breakglassBypassed()) {
        String message =
            "%s admitted by break-glass for user %s: %s"
                .formatted(name, user, linesAbout(policy, decision.warnings()));
        if (status.isPresent()) {
          status.get().observe(policy, PolicyObservations.breakglass(now, name, user, message));
        } else {
          LOG.warnf("break-glass audit: %s", message.replace('\n', ' '));
        }
      }
    }
  }

  // Decision lines name their policy as "<Kind> <namespace>/<name>"; keep those of this one.
  private static String linesAbout(PolicyRef policy, List<String> lines) {
    String marker = " " + policy + ": ";
    return String.join("\n", lines.stream().filter(line -> line.contains(marker)).toList());
  }
}
