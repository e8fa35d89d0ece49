package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code dikast verify --cluster} (the launcher the CLI module builds) against the operator jar
 * behind the real API server: it must say what the webhook says when kubectl applies the same
 * manifest, before and after the attestation is uploaded.
 */
@ExtendWith(ClusterExtension.class)
class VerifyClusterIT {

  private static final String PAYMENT = ArticleStory.PAYMENT;
  private static final String NOTE_ID = "qa-verify";
  private static final String WEBHOOK = "images.dikast.io";
  private static final Path LAUNCHER =
      Path.of(System.getProperty("dikast.e2e.cli", "../cli/target/dikast/bin/dikast"))
          .toAbsolutePath();

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static LocalOperator local;
  private static ArticleStory story;

  @BeforeAll
  static void startGrafeasAndOperator(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    local =
        LocalOperator.start(
            cluster, "dikast-verify-e2e", Map.of("dikast.cache.negative-ttl", "1s"));
    story = ArticleStory.start(cluster, local.grafeas());
  }

  @AfterAll
  static void stopAll() {
    Closeables.closeAll(local, story);
  }

  @Test
  void saysWhatTheWebhookSaysBeforeAndAfterTheAttestation() throws Exception {
    try (TestNamespace payments =
        story.policyNamespace("verify", NOTE_ID, WebhookRegistration.CHECKED)) {
      Path manifest = Files.writeString(cluster.workDir().resolve("verify-pod.yaml"), pod());

      Kubectl.Result refused = kubectl.apply(payments.name(), pod());
      Cli denied = verifyCluster(manifest, payments.name());

      assertThat(refused.stderr()).isEqualTo(ArticleStory.refusal(WEBHOOK, payments, PAYMENT));
      assertThat(denied.exitCode()).as(denied.err()).isEqualTo(1);
      assertThat(denied.out())
          .isEqualTo(
              "Pod "
                  + payments.name()
                  + "/payment-processor: denied\n  "
                  + ArticleStory.denial(payments, PAYMENT)
                  + "\n");

      story.uploadClearSignedAttestation(NOTE_ID, PAYMENT);

      await()
          .atMost(ArticleStory.DECIDED)
          .untilAsserted(
              () ->
                  assertThat(verifyCluster(manifest, payments.name()).out())
                      .isEqualTo("Pod " + payments.name() + "/payment-processor: admitted\n"));
      assertThat(kubectl.apply(payments.name(), pod()).stdout())
          .isEqualTo("pod/payment-processor created\n");
    }
  }

  private record Cli(int exitCode, String out, String err) {}

  private static Cli verifyCluster(Path manifest, String namespace)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                LAUNCHER.toString(),
                "verify",
                "--cluster",
                "--operator",
                "127.0.0.1:" + local.endpoint().port(),
                "--operator-ca",
                local.endpoint().certificate().certificate().toString(),
                "-f",
                manifest.toString(),
                "--namespace",
                namespace));
    Path out = Files.createTempFile(cluster.workDir(), "verify", ".out");
    Path err = Files.createTempFile(cluster.workDir(), "verify", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("dikast verify finished").isTrue();
      return new Cli(
          process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String pod() {
    return ArticleStory.pod("payment-processor", PAYMENT);
  }
}
