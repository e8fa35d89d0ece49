package io.dikast.operator.admission;

import io.quarkus.tls.CertificateUpdatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the TLS registry's certificate updates: each one makes the HTTP server swap its SSL
 * context, the moment Vert.x drops connections it is accepting.
 */
@ApplicationScoped
public class RegistryReloads {

  private final AtomicInteger count = new AtomicInteger();

  void updated(@Observes CertificateUpdatedEvent event) {
    count.incrementAndGet();
  }

  int count() {
    return count.get();
  }
}
