package io.dikast.operator.admission;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * What the webhook needs around it in a test: its serving certificate from openssl, short status
 * and cache intervals, and a Grafeas address.
 */
public class WebhookTestResources implements QuarkusTestResourceLifecycleManager {

  static SelfSignedCertificate certificate;

  @Override
  public Map<String, String> start() {
    certificate = SelfSignedCertificate.generate();
    return Map.of(
        "quarkus.tls.key-store.pem.0.cert", certificate.certificate().toString(),
        "quarkus.tls.key-store.pem.0.key", certificate.privateKey().toString(),
        "dikast.status.flush-interval", "200ms",
        "dikast.cache.negative-ttl", "2s",
        "dikast.grafeas.address", "127.0.0.1:9",
        "dikast.grafeas.call-timeout", "1s",
        "quarkus.tls.reload-period", "1s");
  }

  @Override
  public void stop() {
    certificate.close();
  }
}
