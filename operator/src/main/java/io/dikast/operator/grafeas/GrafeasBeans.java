package io.dikast.operator.grafeas;

import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.GrafeasAttestationSource;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import io.dikast.verifier.grafeas.GrafeasConnection;
import io.dikast.verifier.grafeas.GrafeasProvenanceSource;
import io.dikast.verifier.grafeas.GrafeasVulnerabilitySource;
import io.dikast.verifier.grafeas.ProvenanceSource;
import io.dikast.verifier.grafeas.VulnerabilitySource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The verifier's plain Grafeas client as beans, configured from {@code dikast.grafeas.*}. */
@Dependent
public class GrafeasBeans {

  @Produces
  @Singleton
  GrafeasConnection connection(GrafeasClientConfig config) {
    return new GrafeasConnection(settings(config));
  }

  void close(@Disposes GrafeasConnection connection) {
    connection.close();
  }

  @Produces
  @Singleton
  AttestationSource attestations(GrafeasConnection connection) {
    return new GrafeasAttestationSource(connection);
  }

  @Produces
  @Singleton
  ProvenanceSource builds(GrafeasConnection connection) {
    return new GrafeasProvenanceSource(connection);
  }

  @Produces
  @Singleton
  VulnerabilitySource vulnerabilities(GrafeasConnection connection) {
    return new GrafeasVulnerabilitySource(connection);
  }

  static GrafeasClientSettings settings(GrafeasClientConfig config) {
    GrafeasClientConfig.Tls tls = config.tls();
    return new GrafeasClientSettings(
        config.address(),
        config.callTimeout(),
        config.maxAttempts(),
        config.maxPages(),
        config.vulnerabilityProjects(),
        tls.enabled()
            ? Optional.of(
                new GrafeasClientSettings.Tls(
                    tls.caFile(), tls.certFile(), tls.keyFile(), tls.serverName()))
            : Optional.empty(),
        config.tokenFile());
  }
}
