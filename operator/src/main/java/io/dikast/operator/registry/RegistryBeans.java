package io.dikast.operator.registry;

import io.dikast.verifier.registry.JibCosignSignatureSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The registry client cosign lookups go through; a bean so tests and benchmarks can swap it. */
@ApplicationScoped
public class RegistryBeans {

  static final String JIB_HTTP_TIMEOUT = "jib.httpTimeout";

  @Produces
  @Singleton
  JibCosignSignatureSource cosignSignatures(RegistryClientConfig config) {
    // Jib reads its connect and read timeout from this JVM-wide property on every request; no
    // request may outlast the whole lookup's deadline.
    System.setProperty(JIB_HTTP_TIMEOUT, Long.toString(config.callTimeout().toMillis()));
    return new JibCosignSignatureSource();
  }

  void close(@Disposes JibCosignSignatureSource source) {
    source.close();
  }
}
