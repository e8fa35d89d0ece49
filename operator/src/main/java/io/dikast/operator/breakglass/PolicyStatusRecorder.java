package io.dikast.operator.breakglass;

import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.ClusterPolicyStatus;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.engine.policy.PolicyRef;
import io.dikast.operator.reconciler.WarningEvents;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
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
import java.util.function.Supplier;
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
    switch (policy.kind()) {
      case IMAGE_SECURITY_POLICY ->
          write(
              resource(ImageSecurityPolicy.class, policy), PolicyStatus::new, policy, observations);
      case GENERIC_ATTESTATION_POLICY ->
          write(
              resource(GenericAttestationPolicy.class, policy),
              PolicyStatus::new,
              policy,
              observations);
      case CLUSTER_IMAGE_SECURITY_POLICY ->
          write(
              client.resources(ClusterImageSecurityPolicy.class).withName(policy.name()),
              ClusterPolicyStatus::new,
              policy,
              observations);
    }
  }

  private <S extends PolicyStatus, P extends CustomResource<?, S>> void write(
      Resource<P> resource, Supplier<S> empty, PolicyRef policy, PolicyObservations observations) {
    P current = resource.get();
    if (current == null) {
      LOG.debugf("policy %s is gone; its admission observations are dropped", policy);
      return;
    }
    resource.editStatus(
        latest -> {
          S status = latest.getStatus() == null ? empty.get() : latest.getStatus();
          observations.applyTo(status);
          latest.setStatus(status);
          return latest;
        });
    // Only once the status holds the observations: a failed write is retried with its events,
    // which must not be emitted once per attempt.
    observations.events().forEach(message -> events.warn(current, BREAKGLASS_REASON, message));
  }

  private <P extends CustomResource<?, PolicyStatus>> Resource<P> resource(
      Class<P> type, PolicyRef policy) {
    return client.resources(type).inNamespace(policy.namespace()).withName(policy.name());
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
