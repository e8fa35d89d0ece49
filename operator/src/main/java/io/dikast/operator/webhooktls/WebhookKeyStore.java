package io.dikast.operator.webhooktls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The TLS registry's {@code webhook} configuration: the PEM files of {@link
 * ServingCertificateConfig}, served through {@link ServingKeyManager} and checked for changes on a
 * thread of their own.
 *
 * <p>The registry gets no {@link java.security.KeyStore}: the key it would hold goes stale at the
 * first rotation, and without one the registry's own reload has nothing to reload, so no {@code
 * CertificateUpdatedEvent} ever makes the HTTP server swap its SSL context (and drop connections).
 */
@ApplicationScoped
@Identifier(WebhookKeyStore.NAME)
public class WebhookKeyStore implements KeyStoreProvider {

  public static final String NAME = "webhook";

  private static final Logger LOG = Logger.getLogger(WebhookKeyStore.class);

  private final ServingCertificateConfig config;
  private final AtomicLong reloads = new AtomicLong();
  private Counter reloadMetric;
  private ServingKeyManager keyManager;
  private ScheduledExecutorService checks;

  WebhookKeyStore(ServingCertificateConfig config) {
    this.config = config;
  }

  @Override
  public synchronized KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
    if (config.certificateFile().isEmpty() || config.keyFile().isEmpty()) {
      return null;
    }
    if (keyManager == null) {
      ServingKeyFiles files =
          new ServingKeyFiles(config.certificateFile().get(), config.keyFile().get());
      keyManager = new ServingKeyManager(files.load());
      LOG.infof("Serving the webhook certificate %s", describe(keyManager.current()));
      checks =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "dikast-webhook-certificate");
                thread.setDaemon(true);
                return thread;
              });
      long interval = config.checkInterval().toMillis();
      checks.scheduleWithFixedDelay(() -> check(files), interval, interval, TimeUnit.MILLISECONDS);
    }
    return new KeyStoreAndKeyCertOptions(null, KeyCertOptions.wrap(keyManager));
  }

  /** How many times a changed pair of files has been served since startup. */
  public long reloads() {
    return reloads.get();
  }

  /**
   * A counter the registry owns, not a function of this bean's field: a function counter keeps the
   * first state registered under its name, so a registry that outlives one application instance (as
   * in tests that restart it) would report another instance's count.
   */
  synchronized void registerMetric(@Observes StartupEvent event, MeterRegistry registry) {
    Counter metric =
        Counter.builder("dikast.webhook.certificate.reloads")
            .description("Changed webhook certificate files served without restarting the server")
            .register(registry);
    metric.increment(reloads.get());
    reloadMetric = metric;
  }

  @PreDestroy
  synchronized void stop() {
    if (checks != null) {
      checks.shutdownNow();
    }
  }

  private void check(ServingKeyFiles files) {
    try {
      files
          .changed()
          .ifPresent(
              next -> {
                keyManager.serve(next);
                counted();
                LOG.infof("Serving the new webhook certificate %s", describe(next));
              });
    } catch (RuntimeException e) {
      // The previous certificate stays served; the next check tries again.
      LOG.warnf(e, "Webhook certificate check failed");
    }
  }

  private synchronized void counted() {
    reloads.incrementAndGet();
    if (reloadMetric != null) {
      reloadMetric.increment();
    }
  }

  private static String describe(ServingKey key) {
    return "serial "
        + key.leaf().getSerialNumber().toString(16)
        + " for "
        + key.leaf().getSubjectX500Principal().getName()
        + ", valid until "
        + key.leaf().getNotAfter().toInstant();
  }
}
