package io.dikast.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.cli.testing.ClosedPort;
import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.grafeas.testing.GrafeasServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dikast verify} against the real Grafeas server process: the article's story told from
 * manifests, with the webhook's messages.
 */
class VerifyIT {

  private static final String TOKEN = "verify-it-" + System.nanoTime();
  private static final String REPOSITORY = "gcr.io/hightowerlabs/payment";
  private static final String SIGNED = REPOSITORY + "@sha256:" + "ab".repeat(32);
  private static final String UNSIGNED = REPOSITORY + "@sha256:" + "cd".repeat(32);
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static GrafeasServerProcess server;
  private static OpenSsl openSsl;
  private static Path tokenFile;
  private static Path policies;

  @TempDir static Path dir;

  @BeforeAll
  static void signOneImage() throws IOException {
    server = GrafeasServerProcess.built().token(TOKEN).start();
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    openSsl = OpenSsl.start();
    OpenSsl.Key key = openSsl.ecKey("P-256");
    assertSucceeded(grafeas("note", "create", "--project", "image-signing", "--note", "qa"));
    assertSucceeded(
        grafeas(
            "sign",
            "--image",
            SIGNED,
            "--note",
            NOTE,
            "--key",
            key.privateKey().toString(),
            "--algorithm",
            "ECDSA_P256_SHA256"));
    policies = Files.createDirectory(dir.resolve("policies"));
    Files.writeString(policies.resolve("policy.yaml"), policy("payments"));
    Files.writeString(policies.resolve("authority.yaml"), authority("payments", key));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
      assertThat(server.isRunning()).isFalse();
    }
    if (openSsl != null) {
      openSsl.close();
    }
  }

  @Test
  void admitsAPodWhoseDigestTheAuthoritySigned() throws IOException {
    Run run = verify(manifest("signed.yaml", pod("payments", "payment-processor", SIGNED, false)));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("Pod payments/payment-processor: admitted\n");
  }

  @Test
  void deniesAnUnsignedDigestWithTheWebhooksMessage() throws IOException {
    Run run =
        verify(manifest("unsigned.yaml", pod("payments", "payment-processor", UNSIGNED, false)));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "Pod payments/payment-processor: denied\n"
                + "  image "
                + UNSIGNED
                + " denied by ImageSecurityPolicy payments/require-qa: no valid attestation"
                + " by authority qa (qa: no attestation occurrence for this digest)\n");
  }

  @Test
  void deniesATagOnlyImageAsNotPinned() throws IOException {
    Run run =
        verify(
            manifest("tag.yaml", pod("payments", "payment-processor", REPOSITORY + ":1.0", false)));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "Pod payments/payment-processor: denied\n"
                + "  image "
                + REPOSITORY
                + ":1.0 denied by ImageSecurityPolicy payments/require-qa: image is not pinned by"
                + " a sha256 digest\n");
  }

  @Test
  void admitsUnderBreakGlassWithTheWebhooksWarning() throws IOException {
    Run run = verify(manifest("glass.yaml", pod("payments", "hotfix", UNSIGNED, true)));

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "Pod payments/hotfix: admitted\n"
                + "  warning: image "
                + UNSIGNED
                + " admitted under break-glass despite ImageSecurityPolicy payments/require-qa:"
                + " no valid attestation by authority qa (qa: no attestation occurrence for this"
                + " digest)\n");
  }

  @Test
  void appliesPoliciesOnlyToWorkloadsOfTheirNamespace() throws IOException {
    Run run =
        verify(
            manifest("elsewhere.yaml", pod(null, "payment-processor", UNSIGNED, false)),
            "--namespace",
            "staging");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("Pod staging/payment-processor: admitted\n");
  }

  @Test
  void judgesEveryWorkloadOfAMultiDocumentFileAndSkipsOtherKinds() throws IOException {
    Path file =
        manifest(
            "app.yaml",
            deployment("payments", "web", SIGNED)
                + "---\n"
                + "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: payments\n"
                + "---\n"
                + pod("payments", "payment-processor", UNSIGNED, false));

    Run run = verify(file, "--output", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.path("allowed").asBoolean()).isFalse();
    assertThat(result.path("workloads")).hasSize(2);
    JsonNode web = result.path("workloads").get(0);
    assertThat(web.path("source").asText()).isEqualTo(file + " (document 1)");
    assertThat(web.path("kind").asText()).isEqualTo("Deployment");
    assertThat(web.path("allowed").asBoolean()).isTrue();
    assertThat(web.path("images").get(0).asText()).isEqualTo(SIGNED);
    JsonNode pod = result.path("workloads").get(1);
    assertThat(pod.path("allowed").asBoolean()).isFalse();
    assertThat(pod.path("denials").get(0).asText())
        .startsWith("image " + UNSIGNED + " denied by ImageSecurityPolicy payments/require-qa");
    assertThat(result.path("skipped").get(0).path("source").asText())
        .isEqualTo(file + " (document 2)");
    assertThat(result.path("skipped").get(0).path("reason").asText())
        .isEqualTo("kind Service carries no pod spec");
  }

  @Test
  void checksCustomKindsWhereTheirTemplateIsAndWhereAPolicyFileSays() throws IOException {
    Path declaring = Files.createDirectory(dir.resolve("declaring"));
    Files.copy(policies.resolve("authority.yaml"), declaring.resolve("authority.yaml"));
    Files.writeString(
        declaring.resolve("policy.yaml"),
        policy("payments")
            + "  podSpecKinds:\n"
            + "    - {group: ci.example.com, kind: Runner, podSpecPath: /spec/workers/pod}\n");
    Path file =
        manifest(
            "custom.yaml",
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: payment, namespace: payments}
            spec:
              template:
                spec:
                  containers: [{name: app, image: %s}]
            ---
            apiVersion: ci.example.com/v1
            kind: Runner
            metadata: {name: signed, namespace: payments}
            spec:
              workers:
                pod:
                  containers: [{name: worker, image: %s}]
            ---
            apiVersion: ci.example.com/v1
            kind: Runner
            metadata: {name: empty, namespace: payments}
            spec:
              workers: {replicas: 2}
            """
                .formatted(UNSIGNED, SIGNED));

    Run run = grafeas("verify", "-f", file.toString(), "--policies", declaring.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "Rollout payments/payment: denied\n"
                + "  image "
                + UNSIGNED
                + " denied by ImageSecurityPolicy payments/require-qa: no valid attestation"
                + " by authority qa (qa: no attestation occurrence for this digest)\n"
                + "Runner payments/signed: admitted\n"
                + "Runner payments/empty: denied\n"
                + "  Runner payments/empty denied by ImageSecurityPolicy payments/require-qa: the"
                + " policy says Runner.ci.example.com keeps its pod spec at /spec/workers/pod, but"
                + " the object has nothing there\n");
  }

  @Test
  void refusesAFileWithoutAnyWorkload() throws IOException {
    Path file = manifest("service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");

    Run run = verify(file);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("dikast: no workload to verify in " + file + "\n");
  }

  @Test
  void refusesMalformedYamlInOneLineNamingTheFile() throws IOException {
    Path file = manifest("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n");

    Run run = verify(file);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("dikast: " + file + ": not valid YAML at line ");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void refusesADocumentThatIsNotAKubernetesObject() throws IOException {
    Path file = manifest("plain.yaml", "images:\n  - nginx\n");

    Run run = verify(file);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: " + file + ": not a Kubernetes object: apiVersion or kind missing\n");
  }

  @Test
  void refusesAnAuthorityWhoseKeysLiveInAConfigMap() throws IOException {
    Path dirWithConfigMapKeys = Files.createDirectory(dir.resolve("configmap-policies"));
    Files.writeString(dirWithConfigMapKeys.resolve("policy.yaml"), policy("payments"));
    Path authority =
        Files.writeString(
            dirWithConfigMapKeys.resolve("authority.yaml"),
            """
            apiVersion: kritis.grafeas.io/v1beta1
            kind: AttestationAuthority
            metadata:
              name: qa
              namespace: payments
            spec:
              noteReference: projects/image-signing/notes/qa
              publicKeysFrom:
                - configMapName: qa-keys
                  keyType: PKIX
            """);

    Run run =
        grafeas(
            "verify",
            "-f",
            manifest("cm.yaml", pod("payments", "p", SIGNED, false)).toString(),
            "--policies",
            dirWithConfigMapKeys.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: "
                + authority
                + ": AttestationAuthority qa takes keys from ConfigMap qa-keys"
                + " (spec.publicKeysFrom), which dikast verify cannot read from files; put the"
                + " keys in spec.publicKeys\n");
  }

  @Test
  void deniesWithTheOutageWhenGrafeasIsUnreachable() throws IOException {
    Run run =
        Dikast.run(
            "verify",
            "-f",
            manifest("down.yaml", pod("payments", "p", SIGNED, false)).toString(),
            "--policies",
            policies.toString(),
            "--grafeas",
            "localhost:" + ClosedPort.pick(),
            "--grafeas-timeout",
            "2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .startsWith(
            "Pod payments/p: denied\n  image "
                + SIGNED
                + " denied by ImageSecurityPolicy payments/require-qa: attestation backend"
                + " unavailable (");
  }

  private static Run verify(Path manifest, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("verify", "-f", manifest.toString(), "--policies", policies.toString()));
    args.addAll(List.of(more));
    return grafeas(args.toArray(String[]::new));
  }

  private static Run grafeas(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--grafeas", server.address(), "--grafeas-token-file", tokenFile.toString()));
    return Dikast.run(all.toArray(String[]::new));
  }

  private static void assertSucceeded(Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private static Path manifest(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static String pod(String namespace, String name, String image, boolean breakglass) {
    return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: "
        + name
        + "\n"
        + (namespace == null ? "" : "  namespace: " + namespace + "\n")
        + (breakglass ? "  annotations:\n    kritis.grafeas.io/breakglass: \"true\"\n" : "")
        + "spec:\n  containers:\n    - name: app\n      image: "
        + image
        + "\n";
  }

  private static String deployment(String namespace, String name, String image) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: %s
        spec:
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
                - name: app
                  image: %s
        """
        .formatted(name, namespace, name, name, image);
  }

  private static String policy(String namespace) {
    return """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: require-qa
          namespace: %s
        spec:
          attestationAuthorityName: qa
        """
        .formatted(namespace);
  }

  private static String authority(String namespace, OpenSsl.Key key) {
    StringBuilder pem = new StringBuilder();
    key.publicKeyPem().lines().forEach(line -> pem.append("          ").append(line).append('\n'));
    return """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: qa
          namespace: %s
        spec:
          noteReference: v1beta1/projects/image-signing/notes/qa
          publicKeys:
            - keyType: PKIX
              pkixPublicKey:
                signatureAlgorithm: ECDSA_P256_SHA256
                publicKeyPem: |
        %s"""
        .formatted(namespace, pem);
  }
}
