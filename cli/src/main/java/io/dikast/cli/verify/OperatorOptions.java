package io.dikast.cli.verify;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How {@code dikast verify --cluster} reaches the operator's VerificationService. */
final class OperatorOptions {

  @Option(
      names = "--operator",
      paramLabel = "HOST:PORT",
      description =
          "The operator's HTTPS address, where it serves the webhook and dikast.v1"
              + ".VerificationService (env DIKAST_OPERATOR).")
  String address;

  @Option(
      names = "--operator-ca",
      paramLabel = "FILE",
      description =
          "PEM CA certificates that sign the operator's serving certificate; the JVM's trusted"
              + " CAs when omitted (env DIKAST_OPERATOR_CA).")
  Path caFile;
}
