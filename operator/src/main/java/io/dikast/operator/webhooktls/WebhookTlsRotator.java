package io.dikast.operator.webhooktls;

import io.dikast.operator.ha.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs {@link WebhookTlsManager} on every replica: the leader renews the certificate (Secret and
 * caBundle writes), every other replica only picks up the one the leader stored. The init container
 * has written the first files already.
 */
@ApplicationScoped
public class WebhookTlsRotator {

  private static final Logger LOG = Logger.getLogger(WebhookTlsRotator.class);

  private final WebhookTlsConfig config;
  private final KubernetesClient client;
  private final Leadership leadership;
  private ScheduledExecutorService scheduler;

  WebhookTlsRotator(WebhookTlsConfig config, KubernetesClient client, Leadership leadership) {
    this.config = config;
    this.client = client;
    this.leadership = leadership;
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    WebhookTlsManager manager = new WebhookTlsManager(config, client, Clock.systemUTC());
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "dikast-webhook-tls");
              thread.setDaemon(true);
              return thread;
            });
    long interval = config.checkInterval().toMillis();
    scheduler.scheduleWithFixedDelay(() -> check(manager), 0, interval, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  void check(WebhookTlsManager manager) {
    try {
      if (leadership.reconcilesHere()) {
        manager.ensure();
      } else {
        manager.refresh();
      }
    } catch (RuntimeException e) {
      // The files on disk stay valid until the renewal window ends; the next check retries.
      LOG.warnf(e, "Webhook certificate check failed");
    }
  }
}
