package io.dikast.cli.grafeas;

import java.nio.file.Path;
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
}
