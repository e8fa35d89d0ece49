package io.dikast.operator.grafeas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A plaintext Grafeas client configuration for tests, without a Quarkus config source. */
public record GrafeasSettings(
    String address,
    Duration callTimeout,
    int maxAttempts,
    int maxPages,
    List<String> vulnerabilityProjects)
    implements GrafeasClientConfig {

  public static GrafeasSettings plaintext(String address, Duration callTimeout) {
    return new GrafeasSettings(address, callTimeout, 3, 50, List.of("kritis"));
  }

  @Override
  public Tls tls() {
    return new Tls() {
      @Override
      public boolean enabled() {
        return false;
      }

      @Override
      public Optional<Path> caFile() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> certFile() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> keyFile() {
        return Optional.empty();
      }

      @Override
      public Optional<String> serverName() {
        return Optional.empty();
      }
    };
  }

  @Override
  public Optional<Path> tokenFile() {
    return Optional.empty();
  }
}
