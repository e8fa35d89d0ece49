package io.dikast.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.cli.testing.ClosedPort;
import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choices {@code dikast verify} refuses before asking anyone. */
class VerifyCommandTest {

  @TempDir Path dir;
  private String pod;

  @BeforeEach
  void writePod() throws IOException {
    pod =
        Files.writeString(
                dir.resolve("pod.yaml"),
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                    + "spec: {containers: [{name: app, image: nginx}]}\n")
            .toString();
  }

  @Test
  void needsPoliciesUnlessTheClusterDecides() {
    Run run = Dikast.run("verify", "-f", pod);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: no policies given; pass --policies FILE|DIR, or --cluster\n");
  }

  @Test
  void refusesLocalPoliciesWhenTheClusterDecides() {
    Run run = Dikast.run("verify", "-f", pod, "--policies", pod, "--cluster");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: --policies and --cluster exclude each other: the operator answers with the"
                + " cluster's policies\n");
  }

  @Test
  void needsTheOperatorsAddressForTheCluster() {
    Run run = Dikast.run("verify", "-f", pod, "--cluster");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: --cluster needs the operator's address; pass --operator HOST:PORT or set"
                + " DIKAST_OPERATOR\n");
  }

  @Test
  void readsTheOperatorFromTheEnvironmentAndSaysWhenItIsUnreachable() {
    String operator = "localhost:" + ClosedPort.pick();

    Run run = Dikast.run(Map.of("DIKAST_OPERATOR", operator), "verify", "-f", pod, "--cluster");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: cannot reach the operator at " + operator + ": connection refused\n");
  }
}
