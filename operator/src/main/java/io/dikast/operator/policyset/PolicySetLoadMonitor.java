package io.dikast.operator.policyset;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Marks the policy set loaded once this replica's informers have listed every policy, authority and
 * key source and published them, and keeps the replica unready until then. Without it a restarted
 * operator would, for a moment, see namespaces with policies as namespaces without, and admit
 * anything. Leaders and followers load alike: the informers run on every replica.
 */
@Readiness
@ApplicationScoped
public class PolicySetLoadMonitor implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(PolicySetLoadMonitor.class);

  static final String NAME = "Dikast policy set loaded";

  private final PolicySetInformers informers;
  private final PolicySetView view;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "dikast-policy-set-load");
            thread.setDaemon(true);
            return thread;
          });

  public PolicySetLoadMonitor(PolicySetInformers informers, PolicySetView view) {
    this.informers = informers;
    this.view = view;
  }

  void start(@Observes StartupEvent event) {
    poller.scheduleWithFixedDelay(this::check, 0, 200, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    poller.shutdownNow();
  }

  void check() {
    // Standalone mode loads the view from files before startup ends; no informer runs there.
    if (view.isLoaded()) {
      poller.shutdown();
      return;
    }
    if (informers.published()) {
      view.markLoaded();
      poller.shutdown();
      LOG.info("policy set loaded: admission decisions use the cluster's policies");
    }
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME).status(view.isLoaded()).build();
  }
}
