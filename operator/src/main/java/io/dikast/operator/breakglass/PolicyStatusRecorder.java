package io.dikast.operator.breakglass;

import io.dikast.engine.policy.PolicyRef;
import io.dikast.operator.reconciler.PolicyObjects;
import io.dikast.operator.reconciler.WarningEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Writes what admission observed into the policies: status counts and BreakglassAdmission events.
 * Admission only merges an observation into memory; a background thread writes each policy at most
 * once per flush interval, so the API server is never on an admission's critical path.
 */
@ApplicationScoped
@LookupUnlessProperty(name = "dikast.standalone.enabled", stringValue = "true")
public class PolicyStatusRecorder {

  static final String BREAKGLASS_REASON = "BreakglassAdmission";
  private static final Logger LOG = Logger.getLogger(PolicyStatusRecorder.class);
  // Bounds the shutdown's wait for a write in progress; the client's own timeouts are longer.
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final WarningEvents events;
  private final Map<PolicyRef, PolicyObservations> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService writer;
  private volatile boolean stopping;

  public PolicyStatusRecorder(
      KubernetesClient client, WarningEvents events, StatusRecorderConfig config) {
    this.client = client;
    this.events = events;
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "dikast-policy-status");
              thread.setDaemon(true);
              return thread;
            });
    long interval = config.flushInterval().toMillis();
    writer.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
  }

  void observe(PolicyRef policy, PolicyObservations observations) {
    pending.merge(policy, observations, PolicyObservations::plus);
  }

  /** Writes every pending observation; those that fail are kept for the next flush. */
  void flush() {
    for (PolicyRef policy : pending.keySet()) {
      PolicyObservations observations = pending.remove(policy);
      if (observations == null) {
        continue;
      }
      try {
        write(policy, observations);
      } catch (KubernetesClientException e) {
        LOG.warnf("could not record admission observations on %s: %s", policy, e.getMessage());
        pending.merge(policy, observations, (retry, newer) -> retry.plus(newer));
      } catch (RuntimeException e) {
        if (stopping) {
          // The client closes during shutdown; status is best effort, so this is expected.
          LOG.debugf("dropped admission observations on %s at shutdown: %s", policy, e);
        } else {
          LOG.errorf(e, "dropped admission observations on %s", policy);
        }
      }
    }
  }

  private void write(PolicyRef policy, PolicyObservations observations) {
    HasMetadata current = PolicyObjects.get(client, policy).orElse(null);
    if (current == null) {
      LOG.debugf("policy %s is gone; its admission observations are dropped", policy);
      return;
    }
    PolicyObjects.editStatus(client, policy, (status, generation) -> observations.applyTo(status));
    // Only once the status holds the observations: a failed write is retried with its events,
    // which must not be emitted once per attempt.
    observations.events().forEach(message -> events.warn(current, BREAKGLASS_REASON, message));
  }

  /**
   * Stops writing when shutdown begins, before the Operator SDK's own shutdown observer closes the
   * client: observations not yet written are dropped (status is best effort), a write in progress
   * may finish. Only an instance that exists stops; standalone mode never creates one.
   */
  void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(1) ShutdownEvent event) {
    stopping = true;
    writer.shutdown();
    try {
      if (!writer.awaitTermination(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        writer.shutdownNow();
      }
    } catch (InterruptedException e) {
      writer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  public void close() {
    stopping = true;
    writer.shutdownNow();
  }
}
