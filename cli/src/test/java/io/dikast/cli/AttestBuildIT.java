package io.dikast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import io.dikast.engine.attestation.SlsaProvenance;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.dikast.verifier.attestation.ProvenanceFacts;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import io.dikast.verifier.grafeas.GrafeasConnection;
import io.dikast.verifier.grafeas.GrafeasProvenanceSource;
import io.grpc.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dikast attest-build} against the real Grafeas server process: what it uploads is read back
 * by the webhook's own provenance source and verified, for keys made by openssl and gpg.
 */
class AttestBuildIT {

  private static final String TOKEN = "it-token-" + System.nanoTime();
  private static final String IMAGE =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String NOTE = "projects/ci/notes/builder";
  private static final SlsaProvenance PAYMENT_BUILD =
      new SlsaProvenance(
          "https://slsa.dev/provenance/v1",
          "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
              + "generator_container_slsa3.yml@refs/tags/v2.0.0",
          List.of("git+https://github.com/acme/payment", "https://github.com/acme/payment"));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static GrafeasServerProcess server;
  private static Path tokenFile;
  private static OpenSsl openSsl;
  private static Gpg gpg;
  private static Path statement;

  @BeforeAll
  static void startServer() throws IOException {
    server = GrafeasServerProcess.built().token(TOKEN).start();
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    openSsl = OpenSsl.start();
    gpg = Gpg.start();
    statement = copy("payment-v1.json");
    Run note = dikast("note", "create", "--project", "ci", "--note", "builder", "--kind", "BUILD");
    assertThat(note.exitCode()).as(note.err()).isZero();
    assertThat(note.out()).isEqualTo("note " + NOTE + " created\n");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (openSsl != null) {
      openSsl.close();
    }
    if (gpg != null) {
      gpg.close();
    }
  }

  @Test
  void uploadsProvenanceSignedWithAnOpensslKeyThatTheWebhookAccepts() throws Exception {
    OpenSsl.Key key = openSsl.ecKey("P-256");
    TrustedKey trusted = KeyParser.parsePkix(null, key.publicKeyPem(), "ECDSA_P256_SHA256");

    Run run =
        dikast(
            "attest-build",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--provenance",
            statement.toString(),
            "--key",
            key.privateKey().toString(),
            "--algorithm",
            "ECDSA_P256_SHA256",
            "--output",
            "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.get("occurrence").asText()).startsWith("projects/ci/occurrences/");
    assertThat(result.get("note").asText()).isEqualTo(NOTE);
    assertThat(result.get("publicKeyId").asText()).isEqualTo(trusted.keyId());
    assertThat(readBack(trusted))
        .isEqualTo(new AttestationFact.Verified(trusted.keyId(), List.of(PAYMENT_BUILD)));
  }

  @Test
  void uploadsProvenanceSignedWithAGpgKey() throws Exception {
    String fingerprint = gpg.generateKey("CI <ci@example.com>");
    Path secretKey = Files.writeString(dir.resolve("ci.asc"), gpg.exportSecretKey(fingerprint));

    Run run =
        dikast(
            "attest-build",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--provenance",
            statement.toString(),
            "--key",
            secretKey.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("build provenance projects/ci/occurrences/")
        .endsWith(
            " uploaded: " + IMAGE + " signed by key " + fingerprint + " under note " + NOTE + "\n");
    TrustedKey trusted = KeyParser.parsePgp(null, gpg.exportPublicKey(fingerprint));
    assertThat(readBack(trusted))
        .isEqualTo(new AttestationFact.Verified(fingerprint, List.of(PAYMENT_BUILD)));
  }

  @Test
  void refusesProvenanceOfAnotherDigestAndAStatementThatIsNotProvenance() throws Exception {
    OpenSsl.Key key = openSsl.ecKey("P-256");
    Path otherDigest = copy("payment-other-digest.json");
    Path summary = Files.write(dir.resolve("summary.json"), resource("/dsse/statement.json"));

    Run other = attestBuild(otherDigest, key);
    Run notProvenance = attestBuild(summary, key);

    assertThat(other.exitCode()).isEqualTo(ExitCode.DENIED);
    assertThat(other.err())
        .isEqualTo(
            "dikast: provenance file "
                + otherDigest
                + " signed with key file "
                + key.privateKey()
                + " would not count for "
                + IMAGE
                + ": DSSE statement has no subject gcr.io/hightowerlabs/payment with sha256 digest"
                + " aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887 (it names"
                + " \"gcr.io/hightowerlabs/payment\")\n");
    assertThat(notProvenance.exitCode()).isEqualTo(ExitCode.DENIED);
    assertThat(notProvenance.err())
        .endsWith(
            ": DSSE statement is not SLSA provenance (predicateType"
                + " \"https://slsa.dev/verification_summary/v1\")\n");
    assertThat(other.out() + notProvenance.out()).isEmpty();
  }

  private static Run attestBuild(Path provenance, OpenSsl.Key key) {
    return dikast(
        "attest-build",
        "--image",
        IMAGE,
        "--note",
        NOTE,
        "--provenance",
        provenance.toString(),
        "--key",
        key.privateKey().toString(),
        "--algorithm",
        "ECDSA_P256_SHA256");
  }

  // What the webhook's provenance source finds for the image, judged with this one key.
  private static AttestationFact readBack(TrustedKey key) {
    GrafeasClientSettings settings =
        new GrafeasClientSettings(
            server.address(),
            Duration.ofSeconds(10),
            2,
            10,
            List.of(),
            Optional.empty(),
            Optional.of(tokenFile));
    try (GrafeasConnection connection = new GrafeasConnection(settings)) {
      return ProvenanceFacts.find(
          new GrafeasProvenanceSource(connection),
          NOTE,
          List.of(key),
          ImageReference.parse(IMAGE),
          Deadline.after(20, TimeUnit.SECONDS));
    }
  }

  private static Path copy(String name) throws IOException {
    return Files.write(dir.resolve(name), resource("/provenance/" + name));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = AttestBuildIT.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static Run dikast(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--grafeas", server.address(), "--grafeas-token-file", tokenFile.toString()));
    return Dikast.run(all.toArray(String[]::new));
  }
}
