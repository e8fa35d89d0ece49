package io.dikast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import io.dikast.cli.testing.TlsFiles;
import io.dikast.grafeas.testing.GrafeasServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's TLS options against the Grafeas server process serving a test CA's certificate. */
class GrafeasTlsIT {

  @TempDir static Path dir;

  private static TlsFiles tls;
  private static GrafeasServerProcess server;

  @BeforeAll
  static void startServer() {
    tls = TlsFiles.create(dir);
    server = GrafeasServerProcess.built().tls(tls.serverCert(), tls.serverKey()).start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void createsANoteOverTlsTrustingTheGivenCa() {
    Run run = noteCreate("tls", "--grafeas-ca", tls.ca().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("note projects/image-signing/notes/tls created\n");
  }

  @Test
  void presentsAClientCertificate() {
    Run run =
        noteCreate(
            "mtls",
            "--grafeas-ca",
            tls.ca().toString(),
            "--grafeas-cert",
            tls.clientCert().toString(),
            "--grafeas-key",
            tls.clientKey().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("note projects/image-signing/notes/mtls created\n");
  }

  @Test
  void refusesAServerCertificateNoTrustedCaSigned() {
    Run run = noteCreate("untrusted", "--grafeas-tls");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: cannot reach Grafeas at "
                + server.tlsAddress()
                + ": TLS handshake failed: unable to find valid certification path to requested"
                + " target\n");
    assertThat(run.out()).isEmpty();
  }

  private static Run noteCreate(String note, String... tlsOptions) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "note",
                "create",
                "--project",
                "image-signing",
                "--note",
                note,
                "--grafeas",
                server.tlsAddress()));
    args.addAll(List.of(tlsOptions));
    return Dikast.run(args.toArray(String[]::new));
  }
}
