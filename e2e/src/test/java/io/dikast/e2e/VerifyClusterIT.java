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

  @Test
  void whatIfListsTheRunningPodsAPolicyNotYetAppliedWouldDeny() throws Exception {
    String unattested =
        "gcr.io/hightowerlabs/nginx@sha256:"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    // Not checked by the webhook: the pods run whatever the policy will say.
    try (TestNamespace namespace = story.policyNamespace("what-if", "qa-what-if", Map.of())) {
      story.uploadClearSignedAttestation("qa-what-if", PAYMENT);
      assertThat(kubectl.apply(namespace.name(), ArticleStory.pod("payment", PAYMENT)).exitCode())
          .isZero();
      assertThat(kubectl.apply(namespace.name(), ArticleStory.pod("nginx", unattested)).exitCode())
          .isZero();
      Path policy =
          Files.writeString(
              cluster.workDir().resolve("what-if-policy.yaml"),
              """
              apiVersion: kritis.grafeas.io/v1beta1
              kind: ImageSecurityPolicy
              metadata:
                name: release-gate
              spec:
                attestationAuthorityName: qa
                enforcementMode: DryRun
              """);

      Cli answer = cli("what-if", "-f", policy.toString(), "--namespace", namespace.name());

      assertThat(answer.exitCode()).as(answer.err()).isEqualTo(1);
      assertThat(answer.out())
          .isEqualTo(
              namespace.name()
                  + "/release-gate would deny 1 of 2 running pods\n  nginx: image "
                  + unattested
                  + " denied by ImageSecurityPolicy "
                  + namespace.name()
                  + "/release-gate: no valid attestation by authority qa (qa: no attestation"
                  + " occurrence for this digest)\n");
      assertThat(kubectl.run("get", "-n", namespace.name(), "isp", "-o", "name").stdout())
          .isEqualTo("imagesecuritypolicy.kritis.grafeas.io/qa-only\n");
    }
  }

  private record Cli(int exitCode, String out, String err) {}

  private static Cli verifyCluster(Path manifest, String namespace)
      throws IOException, InterruptedException {
    return cli("verify", "-f", manifest.toString(), "--namespace", namespace);
  }

  /** The launcher's {@code command}, asking the suite's operator. */
  private static Cli cli(String command, String... arguments)
      throws IOException, InterruptedException {
    List<String> line =
        new ArrayList<>(
            List.of(
                LAUNCHER.toString(),
                command,
                "--cluster",
                "--operator",
                "127.0.0.1:" + local.endpoint().port(),
                "--operator-ca",
                local.endpoint().certificate().certificate().toString()));
    line.addAll(List.of(arguments));
    Path out = Files.createTempFile(cluster.workDir(), "verify", ".out");
    Path err = Files.createTempFile(cluster.workDir(), "verify", ".err");
    Process process =
        new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS))
          .as("dikast " + command + " finished")
          .isTrue();
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
