package io.dikast.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dikast what-if}'s own checks, before it asks an operator (VerifyClusterIT asks one). */
class WhatIfCommandTest {

  @TempDir Path dir;

  @Test
  void needsTheClusterFlagItAsks() throws Exception {
    Run run = Dikast.run("what-if", "-f", policy().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--cluster'");
  }

  @Test
  void refusesFilesWithoutAPolicy() throws Exception {
    Path pod =
        Files.writeString(
            dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: app}\n");

    Run run = Dikast.run("what-if", "--cluster", "--operator", "127.0.0.1:1", "-f", pod.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: no ImageSecurityPolicy or GenericAttestationPolicy in the files given with"
                + " -f\n");
  }

  @Test
  void saysWhenTheOperatorCannotBeReached() throws Exception {
    Run run =
        Dikast.run("what-if", "--cluster", "--operator", "127.0.0.1:1", "-f", policy().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("dikast: cannot reach the operator at 127.0.0.1:1: ");
  }

  private Path policy() throws Exception {
    return Files.writeString(
        dir.resolve("policy.yaml"),
        "apiVersion: kritis.grafeas.io/v1beta1\nkind: ImageSecurityPolicy\n"
            + "metadata: {name: gate, namespace: payments}\nspec: {attestationAuthorityName: qa}\n");
  }
}
