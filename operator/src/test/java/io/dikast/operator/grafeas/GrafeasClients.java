package io.dikast.operator.grafeas;

import io.dikast.verifier.grafeas.GrafeasAttestationSource;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import io.dikast.verifier.grafeas.GrafeasConnection;
import io.dikast.verifier.grafeas.GrafeasVulnerabilitySource;
import java.time.Duration;

/** The operator's real Grafeas clients, built for tests that point them at loopback servers. */
public final class GrafeasClients {

  private GrafeasClients() {}

  /** Clients of the plaintext server at {@code address}; closing the result closes the channel. */
  public static Closeable plaintext(String address, Duration callTimeout) {
    return new Closeable(
        new GrafeasConnection(GrafeasClientSettings.plaintext(address, callTimeout)));
  }

  /** Grafeas clients sharing one connection that is also {@link AutoCloseable}. */
  public record Closeable(GrafeasConnection connection) implements AutoCloseable {

    public GrafeasAttestationSource source() {
      return new GrafeasAttestationSource(connection);
    }

    public GrafeasVulnerabilitySource vulnerabilities() {
      return new GrafeasVulnerabilitySource(connection);
    }

    @Override
    public void close() {
      connection.close();
    }
  }
}
