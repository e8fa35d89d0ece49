package io.dikast.operator.grafeas;

import java.time.Duration;

/** The operator's real Grafeas client, built for tests that point it at loopback servers. */
public final class GrafeasClients {

  private GrafeasClients() {}

  /** A client of the plaintext server at {@code address}; closing the result closes its channel. */
  public static Closeable plaintext(String address, Duration callTimeout) {
    GrafeasAttestationSource source =
        new GrafeasAttestationSource(GrafeasSettings.plaintext(address, callTimeout));
    return new Closeable(source);
  }

  /** A Grafeas client that is also {@link AutoCloseable}. */
  public record Closeable(GrafeasAttestationSource source) implements AutoCloseable {
    @Override
    public void close() {
      source.close();
    }
  }
}
