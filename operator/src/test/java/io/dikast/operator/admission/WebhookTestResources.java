package io.dikast.operator.admission;

import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/**
 * What the webhook needs around it in a test: its serving certificate from openssl, the real
 * Grafeas server module on loopback, and short status, cache and certificate check intervals.
 */
public class WebhookTestResources implements QuarkusTestResourceLifecycleManager {

  /** How often the webhook compares its certificate files with what it serves. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

  static SelfSignedCertificate certificate;
  static GrafeasServerProcess grafeas;

  @Override
  public Map<String, String> start() {
    certificate = SelfSignedCertificate.generate();
    grafeas = GrafeasServerProcess.built().start();
    return Map.of(
        "quarkus.http.tls-configuration-name",
        "webhook",
        "dikast.webhook.serving.certificate-file",
        certificate.certificate().toString(),
        "dikast.webhook.serving.key-file",
        certificate.privateKey().toString(),
        "dikast.webhook.serving.check-interval",
        CHECK_INTERVAL.toMillis() + "ms",
        "dikast.status.flush-interval",
        "200ms",
        "dikast.cache.negative-ttl",
        "2s",
        "dikast.grafeas.address",
        grafeas.address(),
        "dikast.grafeas.call-timeout",
        "1s");
  }

  @Override
  public void stop() {
    grafeas.close();
    certificate.close();
  }
}
