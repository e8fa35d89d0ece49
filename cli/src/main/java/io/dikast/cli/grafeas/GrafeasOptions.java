package io.dikast.cli.grafeas;

import io.dikast.cli.CliException;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How to reach Grafeas; every option also reads {@code DIKAST_<NAME>} from the environment. */
public final class GrafeasOptions {

  @Option(
      names = "--grafeas",
      paramLabel = "HOST:PORT",
      description = "Grafeas gRPC address (env DIKAST_GRAFEAS).")
  String address;

  @Option(
      names = "--grafeas-tls",
      description = "Use TLS; implied by --grafeas-ca and --grafeas-cert (env DIKAST_GRAFEAS_TLS).")
  boolean tls;

  @Option(
      names = "--grafeas-ca",
      paramLabel = "FILE",
      description =
          "PEM CA certificates that sign the server's certificate (env DIKAST_GRAFEAS_CA).")
  Path caFile;

  @Option(
      names = "--grafeas-cert",
      paramLabel = "FILE",
      description = "PEM client certificate for mutual TLS (env DIKAST_GRAFEAS_CERT).")
  Path certFile;

  @Option(
      names = "--grafeas-key",
      paramLabel = "FILE",
      description = "PEM private key of the client certificate (env DIKAST_GRAFEAS_KEY).")
  Path keyFile;

  @Option(
      names = "--grafeas-token-file",
      paramLabel = "FILE",
      description =
          "File holding a bearer token sent with every call (env DIKAST_GRAFEAS_TOKEN_FILE).")
  Path tokenFile;

  @Option(
      names = "--grafeas-timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Deadline of each Grafeas call (default: 10; env DIKAST_GRAFEAS_TIMEOUT).")
  int timeoutSeconds = 10;

  boolean usesTls() {
    return tls || caFile != null || certFile != null;
  }

  /**
   * The verifier's settings for these options, after checking the address and every file named.
   *
   * @throws io.dikast.cli.CliException when an option is wrong or a file unreadable
   */
  public GrafeasClientSettings settings() {
    if (timeoutSeconds <= 0) {
      throw CliException.usage("--grafeas-timeout must be a positive number of seconds");
    }
    if ((certFile == null) != (keyFile == null)) {
      throw CliException.usage("--grafeas-cert and --grafeas-key must be given together");
    }
    GrafeasClientSettings plain =
        GrafeasClientSettings.plaintext(
            GrafeasChannels.requireAddress(address), Duration.ofSeconds(timeoutSeconds));
    Optional<GrafeasClientSettings.Tls> tlsSettings =
        usesTls()
            ? Optional.of(
                new GrafeasClientSettings.Tls(
                    readable(caFile, "Grafeas CA file"),
                    readable(certFile, "Grafeas client certificate"),
                    readable(keyFile, "Grafeas client key"),
                    Optional.empty()))
            : Optional.empty();
    return new GrafeasClientSettings(
        plain.address(),
        plain.callTimeout(),
        plain.maxAttempts(),
        plain.maxPages(),
        plain.vulnerabilityProjects(),
        tlsSettings,
        readable(tokenFile, "Grafeas token file"));
  }

  private static Optional<Path> readable(Path file, String what) {
    return Optional.ofNullable(file).map(f -> GrafeasChannels.readable(f, what));
  }
}
