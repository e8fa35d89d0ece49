package io.dikast.operator.policyset;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.operator.ha.Leadership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Marks the policy set loaded once the reconcilers have published every policy and authority the
 * API server lists, and keeps the replica unready until then. Without it a restarted operator
 * would, for a moment, see namespaces with policies as namespaces without, and admit anything. The
 * reconcilers fill the set only where they run, so a leader-election follower never loads it.
 */
@Readiness
@ApplicationScoped
public class PolicySetLoadMonitor implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(PolicySetLoadMonitor.class);

  static final String NAME = "Dikast policy set loaded";

  private final KubernetesClient client;
  private final PolicySetView view;
  private final Leadership leadership;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "dikast-policy-set-load");
            thread.setDaemon(true);
            return thread;
          });

  public PolicySetLoadMonitor(KubernetesClient client, PolicySetView view, Leadership leadership) {
    this.client = client;
    this.view = view;
    this.leadership = leadership;
  }

  void start(@Observes StartupEvent event) {
    poller.scheduleWithFixedDelay(this::check, 0, 500, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    poller.shutdownNow();
  }

  void check() {
    // Standalone mode loads the view from files before startup ends; nothing to list.
    if (view.isLoaded()) {
      poller.shutdown();
      return;
    }
    if (!leadership.reconcilesHere()) {
      return;
    }
    try {
      if (publishedAll()) {
        view.markLoaded();
        poller.shutdown();
        LOG.info("policy set loaded: admission decisions use the cluster's policies");
      }
    } catch (KubernetesClientException e) {
      LOG.debugf("policy set not loaded yet, the API server did not answer: %s", e.getMessage());
    }
  }

  // Listed afresh each time, so an object deleted before its first reconcile cannot hold the gate.
  private boolean publishedAll() {
    return publishedAll(PolicyKind.IMAGE_SECURITY_POLICY, list(ImageSecurityPolicy.class))
        && publishedAll(PolicyKind.GENERIC_ATTESTATION_POLICY, list(GenericAttestationPolicy.class))
        && publishedAll(null, list(AttestationAuthority.class));
  }

  private <T extends HasMetadata> List<T> list(Class<T> type) {
    return client.resources(type).inAnyNamespace().list().getItems();
  }

  private boolean publishedAll(PolicyKind kind, List<? extends HasMetadata> resources) {
    return resources.stream()
        .allMatch(
            resource ->
                view.holds(
                    kind, resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
  }

  @Override
  public HealthCheckResponse call() {
    if (!leadership.reconcilesHere()) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("reason", "a follower: the leader's reconcilers fill the policy set")
          .build();
    }
    return HealthCheckResponse.named(NAME).status(view.isLoaded()).build();
  }
}
