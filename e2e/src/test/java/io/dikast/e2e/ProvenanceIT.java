package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.engine.testing.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * Provenance requirements behind the real API server: BUILD occurrences uploaded with the {@code
 * dikast attest-build} launcher to the Grafeas server jar, judged by the operator jar's webhook. A
 * pod with signed provenance from the allowed builder is admitted; one without provenance, and one
 * whose provenance names another builder, are denied with the exact line.
 */
@ExtendWith(ClusterExtension.class)
class ProvenanceIT {

  private static final String WEBHOOK = "images.dikast.io";
  private static final Path CLI_BIN = Path.of(System.getProperty("dikast.cli.bin"));
  private static final String NOTE = "projects/ci/notes/builder";
  private static final String PAYMENT =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String OTHER_DIGEST =
      "0c5f2b7e3d9a1f4e6b8c0d2a4f6e8b0c2d4f6a8e0b2c4d6f8a0e2b4c6d8f0a2e";
  private static final String GENERATOR =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
          + "generator_container_slsa3.yml@refs/tags/v*";

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static LocalOperator local;
  private static OpenSsl openssl;
  private static OpenSsl.Key ci;
  private static Path files;

  @BeforeAll
  static void start(TestCluster testCluster) throws IOException {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    openssl = OpenSsl.start();
    ci = openssl.ecKey("P-256");
    files = Files.createTempDirectory(cluster.workDir(), "provenance-");
    local =
        LocalOperator.start(
            cluster, "dikast-e2e-provenance", Map.of("dikast.cache.negative-ttl", "0s"));
    assertThat(dikast("note", "create", "--project", "ci", "--note", "builder", "--kind", "BUILD"))
        .isEqualTo("note " + NOTE + " created\n");
  }

  @AfterAll
  static void stop() {
    Closeables.closeAll(local, openssl);
  }

  @Test
  void admitsSignedProvenanceFromTheAllowedBuilderAndNamesWhatIsMissingOrWrong()
      throws IOException {
    String laptopBuild = "gcr.io/hightowerlabs/payment@sha256:" + OTHER_DIGEST;
    Path good = statement("payment-v1.json", "payment-v1.json");
    Path otherBuilder = statement("payment-other-builder.json", "laptop.json");

    try (TestNamespace namespace = provenanceNamespace()) {
      Kubectl.Result missing =
          kubectl.apply(namespace.name(), ArticleStory.pod("payment", PAYMENT));
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.stderr())
          .isEqualTo(
              refusal(
                  namespace,
                  PAYMENT,
                  "no valid provenance by authority ci (ci: no build occurrence for this digest)"));

      attestBuild(PAYMENT, good);
      await()
          .atMost(ArticleStory.DECIDED)
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .apply(namespace.name(), ArticleStory.pod("payment", PAYMENT))
                              .stdout())
                      .isEqualTo("pod/payment created\n"));

      attestBuild(laptopBuild, otherBuilder);
      Kubectl.Result wrongBuilder =
          kubectl.apply(namespace.name(), ArticleStory.pod("laptop", laptopBuild));
      assertThat(wrongBuilder.exitCode()).isEqualTo(1);
      assertThat(wrongBuilder.stderr())
          .isEqualTo(
              refusal(
                  namespace,
                  laptopBuild,
                  "provenance by authority ci names builder"
                      + " https://github.com/mallory/builder/.github/workflows/build.yml@refs/heads/main,"
                      + " not one of "
                      + GENERATOR));
    }
  }

  /**
   * A checked namespace with authority {@code ci} (an openssl key, the BUILD note) and the policy
   * {@code built-by-ci} requiring its provenance, ready, its PROVENANCE column naming {@code ci}.
   */
  private static TestNamespace provenanceNamespace() {
    TestNamespace namespace =
        TestNamespace.create(cluster.admin(), "provenance", WebhookRegistration.CHECKED);
    String resources =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: ci
        spec:
          noteReference: %s
          publicKeys:
          - keyType: PKIX
            keyId: ci
            pkixPublicKey:
              signatureAlgorithm: ECDSA_P256_SHA256
              publicKeyPem: |
        %s---
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: built-by-ci
        spec:
          provenanceRequirements:
          - authorityName: ci
            builderIdPatterns: ['%s']
            sourceRepositoryPatterns: ['git+https://github.com/acme/**']
        """
            .formatted(NOTE, ci.publicKeyPem().indent(8), GENERATOR);
    Kubectl.Result applied =
        kubectl.runWithInput(resources, "apply", "-n", namespace.name(), "-f", "-");
    assertThat(applied.exitCode()).as(applied.stderr()).isZero();
    await()
        .atMost(ArticleStory.DECIDED)
        .until(
            () ->
                kubectl
                    .readyCondition(namespace.name(), "isp/built-by-ci")
                    .equals("True AuthoritiesReady"));
    PrinterTable table =
        PrinterTable.parse(kubectl.run("get", "-n", namespace.name(), "isp/built-by-ci").stdout())
            .get(0);
    assertThat(table.rows().get(0).get(table.headers().indexOf("PROVENANCE"))).isEqualTo("ci");
    return namespace;
  }

  private static String refusal(TestNamespace namespace, String image, String reason) {
    return "Error from server (Forbidden): error when creating \"STDIN\": admission webhook \""
        + WEBHOOK
        + "\" denied the request: image "
        + image
        + " denied by ImageSecurityPolicy "
        + namespace.name()
        + "/built-by-ci: "
        + reason
        + "\n";
  }

  private static void attestBuild(String image, Path statement) {
    assertThat(
            dikast(
                "attest-build",
                "--image",
                image,
                "--note",
                NOTE,
                "--provenance",
                statement.toString(),
                "--key",
                ci.privateKey().toString(),
                "--algorithm",
                "ECDSA_P256_SHA256",
                "--key-id",
                "ci"))
        .startsWith("build provenance projects/ci/occurrences/");
  }

  /**
   * The engine's statement file {@code name}, about the laptop digest when written as {@code
   * laptop.json}: a builder would write it for the digest it built.
   */
  private static Path statement(String name, String target) throws IOException {
    String text;
    try (InputStream in = ProvenanceIT.class.getResourceAsStream("/provenance/" + name)) {
      text = new String(in.readAllBytes(), UTF_8);
    }
    if (target.equals("laptop.json")) {
      text = text.replace(PAYMENT.substring(PAYMENT.lastIndexOf(':') + 1), OTHER_DIGEST);
    }
    return Files.writeString(files.resolve(target), text);
  }

  /** The {@code dikast} launcher as a user runs it; its standard output, once it succeeded. */
  private static String dikast(String... args) {
    List<String> command = new ArrayList<>(List.of(CLI_BIN.resolve("dikast").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--grafeas", local.grafeas().address()));
    try {
      Path out = Files.createTempFile(files, "dikast", ".out");
      Path err = Files.createTempFile(files, "dikast", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).as(Files.readString(err)).isZero();
      return Files.readString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running dikast", e);
    }
  }
}
