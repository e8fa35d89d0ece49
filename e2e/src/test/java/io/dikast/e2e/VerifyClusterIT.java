package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.engine.testing.Gpg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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

  private static final String PAYMENT =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String WEBHOOK = "images.dikast.io";
  private static final Duration DECIDED = Duration.ofSeconds(60);
  private static final Path LAUNCHER =
      Path.of(System.getProperty("dikast.e2e.cli", "../cli/target/dikast/bin/dikast"))
          .toAbsolutePath();

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static Curl curl;
  private static Gpg gpg;
  private static String qaFingerprint;
  private static GrafeasServerProcess grafeas;
  private static WebhookEndpoint endpoint;
  private static OperatorProcess operator;
  private static WebhookRegistration webhook;

  @BeforeAll
  static void startGrafeasAndOperator(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    curl = new Curl(cluster.workDir());
    gpg = Gpg.start();
    qaFingerprint = gpg.generateKey("qa_bob@example.com");
    OperatorServiceAccount.install(cluster.admin());
    SuiteSettings settings = SuiteSettings.fromEnvironment();
    grafeas = GrafeasServerProcess.start(settings.grafeasJar(), cluster.workDir());
    endpoint = WebhookEndpoint.create(cluster.workDir());
    operator =
        OperatorProcess.start(
            settings.operatorJar(),
            OperatorServiceAccount.kubeconfig(cluster),
            cluster.workDir(),
            endpoint,
            Map.of("dikast.grafeas.address", grafeas.address(), "dikast.cache.negative-ttl", "1s"));
    webhook = WebhookRegistration.register(kubectl, "dikast-verify-e2e", endpoint);
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (AutoCloseable resource : new AutoCloseable[] {webhook, operator, grafeas, gpg}) {
      if (resource != null) {
        resource.close();
      }
    }
  }

  @Test
  void saysWhatTheWebhookSaysBeforeAndAfterTheAttestation() throws Exception {
    try (TestNamespace payments = policyNamespace()) {
      Path manifest = Files.writeString(cluster.workDir().resolve("verify-pod.yaml"), pod());

      Kubectl.Result refused = kubectl.apply(payments.name(), pod());
      Cli denied = verifyCluster(manifest, payments.name());

      String denial =
          "image "
              + PAYMENT
              + " denied by ImageSecurityPolicy "
              + payments.name()
              + "/qa-only: no valid attestation by authority qa (qa: no attestation occurrence"
              + " for this digest)";
      assertThat(refused.stderr())
          .isEqualTo(
              "Error from server (Forbidden): error when creating \"STDIN\": admission webhook \""
                  + WEBHOOK
                  + "\" denied the request: "
                  + denial
                  + "\n");
      assertThat(denied.exitCode()).as(denied.err()).isEqualTo(1);
      assertThat(denied.out())
          .isEqualTo("Pod " + payments.name() + "/payment-processor: denied\n  " + denial + "\n");

      uploadClearSignedAttestation();

      await()
          .atMost(DECIDED)
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
                "127.0.0.1:" + endpoint.port(),
                "--operator-ca",
                endpoint.certificate().certificate().toString(),
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

  private static TestNamespace policyNamespace() {
    TestNamespace namespace =
        TestNamespace.create(cluster.admin(), "verify", WebhookRegistration.CHECKED);
    Curl.Response note =
        curl.post(
            grafeas.restUrl() + "/v1alpha1/projects/image-signing/notes?noteId=qa-verify",
            "note.json",
            "{\"attestationAuthority\": {\"hint\": {\"humanReadableName\": \"qa\"}}}");
    assertThat(note.status()).as(note.body()).isEqualTo(200);
    String armored = gpg.exportPublicKey(qaFingerprint);
    String resources =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: qa
        spec:
          noteReference: projects/image-signing/notes/qa-verify
          publicKeys:
          - keyType: PGP
            keyId: %s
            asciiArmoredPgpPublicKey: %s
        ---
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: qa-only
        spec:
          attestationAuthorityNames: [qa]
        """
            .formatted(qaFingerprint, Base64.getEncoder().encodeToString(armored.getBytes(UTF_8)));
    assertThat(kubectl.apply(namespace.name(), resources).stderr()).isEmpty();
    await()
        .atMost(DECIDED)
        .until(
            () ->
                kubectl
                    .readyCondition(namespace.name(), "isp/qa-only")
                    .equals("True AuthoritiesReady"));
    return namespace;
  }

  private static void uploadClearSignedAttestation() {
    String signature = gpg.clearSign(qaFingerprint, PAYMENT + "\n");
    String occurrence =
        """
        {
        "resourceUrl": "%s",
        "noteName": "projects/image-signing/notes/qa-verify",
        "attestation": {
        "pgpSignedAttestation": {
        "signature": "%s",
        "contentType": "application/vnd.gcr.image.url.v1",
        "pgpKeyId": "%s"
        }
        }
        }
        """
            .formatted(PAYMENT, signature.strip(), qaFingerprint);
    Curl.Response response =
        curl.post(
            grafeas.restUrl() + "/v1alpha1/projects/image-signing/occurrences",
            "occurrence.json",
            occurrence);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  private static String pod() {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: payment-processor
        spec:
          containers:
          - name: payment-processor
            image: %s
        """
        .formatted(PAYMENT);
  }
}
