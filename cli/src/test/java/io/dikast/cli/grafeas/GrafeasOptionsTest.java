package io.dikast.cli.grafeas;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.cli.testing.ClosedPort;
import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrafeasOptionsTest {

  @TempDir Path dir;

  @Test
  void asksForTheGrafeasAddressWhenNeitherFlagNorEnvironmentGivesIt() {
    Run run = noteCreate(Map.of());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: no Grafeas server given; pass --grafeas HOST:PORT or set DIKAST_GRAFEAS\n");
  }

  @Test
  void refusesAnAddressWithoutPort() {
    Run run = noteCreate(Map.of(), "--grafeas", "grafeas.example.com");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: --grafeas must be HOST:PORT, not grafeas.example.com\n");
  }

  @Test
  void prefersTheFlagOverTheEnvironment() {
    int port = ClosedPort.pick();

    Run run =
        noteCreate(
            Map.of("DIKAST_GRAFEAS", "grafeas.example.com"), "--grafeas", "127.0.0.1:" + port);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: cannot reach Grafeas at 127.0.0.1:" + port + ": connection refused\n");
  }

  @Test
  void reportsAMissingCaFileFromTheEnvironment() {
    Path missing = dir.resolve("ca.pem");

    Run run =
        noteCreate(
            Map.of("DIKAST_GRAFEAS", "127.0.0.1:1", "DIKAST_GRAFEAS_CA", missing.toString()));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("dikast: Grafeas CA file " + missing + " does not exist\n");
  }

  @Test
  void wantsAClientCertificateAndItsKeyTogether() throws Exception {
    Path cert = Files.writeString(dir.resolve("client.pem"), "unused");

    Run run = noteCreate(Map.of(), "--grafeas", "127.0.0.1:1", "--grafeas-cert", cert.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: --grafeas-cert and --grafeas-key must be given together\n");
  }

  @Test
  void reportsACaFileThatHoldsNoCertificate() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

    Run run = noteCreate(Map.of(), "--grafeas", "127.0.0.1:1", "--grafeas-ca", ca.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("dikast: cannot load the Grafeas TLS files: ").hasLineCount(1);
  }

  @Test
  void reportsAMissingTokenFile() {
    Path missing = dir.resolve("token");

    Run run =
        noteCreate(
            Map.of(), "--grafeas", "127.0.0.1:1", "--grafeas-token-file", missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("dikast: Grafeas token file " + missing + " does not exist\n");
  }

  @Test
  void refusesANonPositiveTimeout() {
    Run run = noteCreate(Map.of(), "--grafeas", "127.0.0.1:1", "--grafeas-timeout", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: --grafeas-timeout must be a positive number of seconds\n");
  }

  private static Run noteCreate(Map<String, String> environment, String... options) {
    List<String> args =
        new ArrayList<>(List.of("note", "create", "--project", "image-signing", "--note", "qa"));
    args.addAll(List.of(options));
    return Dikast.run(environment, args.toArray(String[]::new));
  }
}
