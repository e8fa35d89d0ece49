package io.dikast.operator.webhooktls;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The init container's entry point: writes the webhook certificate files before the operator's
 * HTTPS server starts, because the server needs them at boot. Plain Java on the operator's class
 * path, without Quarkus; settings come from the same DIKAST_WEBHOOK_TLS_* environment.
 */
public final class WebhookTlsBootstrap {

  private static final Logger LOG = Logger.getLogger(WebhookTlsBootstrap.class);

  private WebhookTlsBootstrap() {}

  public static void main(String[] args) {
    int status = 1;
    try {
      write(config());
      status = 0;
    } catch (RuntimeException e) {
      LOG.error("Cannot provide the webhook certificate", e);
    }
    // The Kubernetes client's Vert.x threads would otherwise keep the init container running.
    System.exit(status);
  }

  private static void write(WebhookTlsConfig config) {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      TlsMaterial material = new WebhookTlsManager(config, client, Clock.systemUTC()).ensure();
      LOG.infof(
          "Webhook certificate for %s valid until %s written to %s",
          config.dnsNames().get(2),
          material.servingCertificate().getNotAfter().toInstant(),
          config.directory());
    }
  }

  static WebhookTlsConfig config() {
    return config(new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors());
  }

  /**
   * Outside Quarkus, SmallRye Config reads durations in ISO-8601 only; Quarkus' converter also
   * reads the "2160h" form the chart and the operator's own configuration use.
   */
  static WebhookTlsConfig config(SmallRyeConfigBuilder builder) {
    SmallRyeConfig config =
        builder
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(WebhookTlsConfig.class)
            .build();
    return config.getConfigMapping(WebhookTlsConfig.class);
  }
}
