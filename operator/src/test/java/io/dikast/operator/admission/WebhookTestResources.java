package io.dikast.operator.admission;

import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * What the webhook needs around it in a test: its serving certificate from openssl, the real
 * Grafeas server module on loopback, and short status, cache and reload intervals.
 */
public class WebhookTestResources implements QuarkusTestResourceLifecycleManager {

  static SelfSignedCertificate certificate;
  static GrafeasServerProcess grafeas;

  @Override
  public Map<String, String> start() {
    certificate = SelfSignedCertificate.generate();
    grafeas = GrafeasServerProcess.built().start();
    return Map.of(
        "quarkus.tls.key-store.pem.0.cert", certificate.certificate().toString(),
        "quarkus.tls.key-store.pem.0.key", certificate.privateKey().toString(),
        "dikast.status.flush-interval", "200ms",
        "dikast.cache.negative-ttl", "2s",
        "dikast.grafeas.address", grafeas.address(),
        "dikast.grafeas.call-timeout", "1s",
        "quarkus.tls.reload-period", "1s");
  }

  @Override
  public void stop() {
    grafeas.close();
    certificate.close();
  }
}
