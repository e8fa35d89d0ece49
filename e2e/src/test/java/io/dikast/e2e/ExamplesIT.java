package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.verifier.testing.CosignImages;
import io.dikast.verifier.testing.LocalRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every command of {@code examples/*}{@code /README.md} (see {@link ReadmeScript} and the
 * convention in {@code examples/README.md}) against the real API server, the operator jar's webhook
 * and the Grafeas server jar, and a docker-registry, with {@code dikast}, {@code kubectl}, gpg,
 * openssl and curl as a user has them. Each example gets a copy of its directory, a checked
 * namespace and a fresh GNUPGHOME.
 */
@ExtendWith(ClusterExtension.class)
class ExamplesIT {

  private static final Path EXAMPLES = Path.of(System.getProperty("dikast.examples.dir"));
  private static final Path CLI_BIN = Path.of(System.getProperty("dikast.cli.bin"));
  private static final List<String> TESTED =
      List.of(
          "allowlist",
          "break-glass",
          "cluster-policy",
          "cosign-signatures",
          "dsse-envelopes",
          "multi-authority",
          "payment-processor",
          "pkix-keys",
          "provenance",
          "what-if");

  private static TestCluster cluster;
  private static TestNamespace operatorNamespace;
  private static LocalOperator local;
  private static LocalRegistry registry;
  private static String paymentDigest;

  @BeforeAll
  static void startGrafeasOperatorAndRegistry(TestCluster testCluster) {
    cluster = testCluster;
    registry = LocalRegistry.open();
    // The image the cosign example signs; a user would have pushed it with docker or crane.
    paymentDigest = CosignImages.pushImage(registry, "team/payment", "payment v1");
    // Where cluster policies find their authorities, as the release namespace is for the chart.
    operatorNamespace = TestNamespace.create(cluster.admin(), "dikast-examples");
    local =
        LocalOperator.start(
            cluster,
            "dikast-e2e-examples",
            Map.of(
                // The READMEs sign right after a denial; a cluster would remember it for 30 s.
                "dikast.cache.negative-ttl",
                "0s",
                "dikast.cluster-policies.authority-namespace",
                operatorNamespace.name()));
  }

  @AfterAll
  static void stopAll() {
    Closeables.closeAll(local, registry, operatorNamespace);
  }

  static List<String> examples() {
    return TESTED;
  }

  @Test
  void everyExampleDirectoryHasAReadmeWithCheckedCommands() throws IOException {
    try (Stream<Path> directories = Files.list(EXAMPLES)) {
      assertThat(directories.filter(Files::isDirectory).map(d -> d.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(TESTED);
    }
    for (String example : TESTED) {
      assertThat(
              ReadmeScript.of(Files.readString(EXAMPLES.resolve(example).resolve("README.md")))
                  .expectations())
          .as(example)
          .isPositive();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void runsEveryCommandOfTheReadme(String example) throws Exception {
    Path directory = copy(EXAMPLES.resolve(example), cluster.workDir().resolve("examples"));
    ReadmeScript script = ReadmeScript.of(Files.readString(directory.resolve("README.md")));
    Path scriptFile = Files.writeString(directory.resolve("readme.sh"), script.text());
    Path output = directory.resolve("readme.out");
    Path gnupgHome =
        Files.createTempDirectory(
            "gpg",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (TestNamespace namespace =
        TestNamespace.create(cluster.admin(), "example-", WebhookRegistration.CHECKED)) {
      ProcessBuilder bash =
          new ProcessBuilder("bash", scriptFile.toString())
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      Map<String, String> environment = bash.environment();
      environment.put("NS", namespace.name());
      environment.put("GRAFEAS_URL", local.grafeas().restUrl());
      environment.put("DIKAST_GRAFEAS", local.grafeas().address());
      environment.put("DIKAST_OPERATOR", "127.0.0.1:" + local.endpoint().port());
      environment.put(
          "DIKAST_OPERATOR_CA", local.endpoint().certificate().certificate().toString());
      environment.put("DIKAST_NAMESPACE", operatorNamespace.name());
      environment.put("REGISTRY", registry.host());
      environment.put("DIGEST", paymentDigest);
      environment.put("KUBECONFIG", cluster.kubeconfig().toString());
      environment.put("GNUPGHOME", gnupgHome.toString());
      environment.put("PATH", path());
      Process process = bash.start();
      boolean finished = process.waitFor(5, TimeUnit.MINUTES);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      String transcript = Files.readString(output);

      assertThat(finished).as(transcript).isTrue();
      assertThat(process.exitValue()).as(transcript).isZero();
      assertThat(transcript.lines().filter(line -> line.matches("expect: \\w+ ok")))
          .as(transcript)
          .hasSize(script.expectations());
    } finally {
      stopGpgAgent(gnupgHome);
      delete(gnupgHome);
    }
  }

  private static String path() {
    StringBuilder path = new StringBuilder(CLI_BIN.toAbsolutePath().toString());
    Path kubectl = cluster.kubectlBinary();
    if (kubectl.getParent() != null) {
      path.append(':').append(kubectl.toAbsolutePath().getParent());
    }
    return path.append(':').append(System.getenv("PATH")).toString();
  }

  private static Path copy(Path example, Path parent) throws IOException {
    Files.createDirectories(parent);
    Path target = Files.createTempDirectory(parent, example.getFileName() + "-");
    try (Stream<Path> files = Files.list(example)) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return target;
  }

  private static void stopGpgAgent(Path gnupgHome) throws InterruptedException, IOException {
    ProcessBuilder kill = new ProcessBuilder("gpgconf", "--kill", "all").inheritIO();
    kill.environment().put("GNUPGHOME", gnupgHome.toString());
    kill.start().waitFor(30, TimeUnit.SECONDS);
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
