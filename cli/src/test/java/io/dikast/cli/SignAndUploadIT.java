package io.dikast.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import io.dikast.cli.testing.TestBearerToken;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.InTotoStatement;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.dikast.verifier.attestation.AttestationFacts;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI against the real Grafeas server process: what it uploads is read back over gRPC and
 * verified by the engine, for keys made by real gpg and openssl, both ways round.
 */
class SignAndUploadIT {

  private static final String TOKEN = "it-token-" + System.nanoTime();
  private static final String IMAGE = "gcr.io/hightowerlabs/payment@sha256:" + "ab".repeat(32);
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static GrafeasServerProcess server;
  private static Gpg gpg;
  private static String fingerprint;
  private static OpenSsl openSsl;

  @TempDir static Path dir;

  private static Path tokenFile;
  private static Path pgpSecretKey;

  @BeforeAll
  static void startServerAndMakeKeys() throws IOException {
    server = GrafeasServerProcess.built().token(TOKEN).start();
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    gpg = Gpg.start();
    fingerprint = gpg.generateKey("QA <qa@example.com>");
    pgpSecretKey = Files.writeString(dir.resolve("qa.asc"), gpg.exportSecretKey(fingerprint));
    openSsl = OpenSsl.start();
    Run note =
        dikast("note", "create", "--project", "image-signing", "--note", "qa", "--output", "json");
    assertThat(note.exitCode()).as(note.err()).isZero();
  }

  @AfterAll
  static void stopServerAndDeleteKeys() {
    if (server != null) {
      server.close();
      assertThat(server.isRunning()).isFalse();
    }
    if (gpg != null) {
      gpg.close();
    }
    if (openSsl != null) {
      openSsl.close();
    }
  }

  @Test
  void createsANoteOnceAndSaysWhenItAlreadyExists() {
    Run first = dikast("note", "create", "--project", "image-signing", "--note", "security");
    Run second = dikast("note", "create", "--project", "image-signing", "--note", "security");

    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isEqualTo("note projects/image-signing/notes/security created\n");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out())
        .isEqualTo("note projects/image-signing/notes/security already exists\n");
    assertThat(first.err() + second.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void signsWithAGpgKeyAndTheEngineVerifiesTheUpload(boolean attached) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("sign", "--image", IMAGE, "--note", NOTE, "--key", pgpSecretKey.toString()));
    if (attached) {
      args.add("--attached");
    }

    Run run = dikast(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    TrustedKey key = KeyParser.parsePgp(null, gpg.exportPublicKey(fingerprint));
    assertThat(verifyUpload(run, fingerprint)).isEqualTo(Verification.verifiedBy(fingerprint));
    assertThat(key.keyId()).isEqualTo(fingerprint);
  }

  @ParameterizedTest
  @CsvSource({
    "ec, P-256, ECDSA_P256_SHA256",
    "ec, P-384, ECDSA_P384_SHA384",
    "rsa, 2048, RSA_SIGN_PKCS1_2048_SHA256",
    "rsa, 2048, RSA_PSS_2048_SHA256"
  })
  void signsWithAnOpensslKeyAndTheEngineVerifiesTheUpload(
      String type, String size, String algorithm) throws Exception {
    OpenSsl.Key key =
        type.equals("ec") ? openSsl.ecKey(size) : openSsl.rsaKey(Integer.parseInt(size));
    String keyId = KeyParser.parsePkix(null, key.publicKeyPem(), algorithm).keyId();

    Run run =
        dikast(
            "sign",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--key",
            key.privateKey().toString(),
            "--algorithm",
            algorithm);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(verifyUpload(run, key.publicKeyPem(), algorithm))
        .isEqualTo(Verification.verifiedBy(keyId));
  }

  @Test
  void signsADsseEnvelopeWithAGpgKeyAndTheGrafeasServerKeepsIt() throws Exception {
    Run run =
        dikast(
            "sign", "--dsse", "--image", IMAGE, "--note", NOTE, "--key", pgpSecretKey.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(verifyEnvelope(run, KeyParser.parsePgp(null, gpg.exportPublicKey(fingerprint))))
        .isEqualTo(new AttestationFact.Verified(fingerprint));
  }

  @Test
  void signsADsseEnvelopeWithAnOpensslKey() throws Exception {
    OpenSsl.Key key = openSsl.ecKey("P-256");
    TrustedKey trusted = KeyParser.parsePkix(null, key.publicKeyPem(), "ECDSA_P256_SHA256");

    Run run =
        dikast(
            "sign",
            "--dsse",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--key",
            key.privateKey().toString(),
            "--algorithm",
            "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(verifyEnvelope(run, trusted))
        .isEqualTo(new AttestationFact.Verified(trusted.keyId()));
  }

  @Test
  void printsTheStatementADsseEnvelopeWouldSign() {
    Run run = Dikast.run("sign", "--dsse", "--image", IMAGE, "--payload-only");

    assertThat(run.out().getBytes(UTF_8))
        .isEqualTo(
            InTotoStatement.about(ImageReference.parse(IMAGE), InTotoStatement.APPROVAL_PREDICATE));
  }

  @Test
  void uploadsAGpgDetachedSignatureOverThePrintedPayload() throws Exception {
    byte[] payload = Dikast.run("sign", "--image", IMAGE, "--payload-only").out().getBytes(UTF_8);
    Path signature =
        Files.writeString(dir.resolve("payload.asc"), gpg.detachSignArmored(fingerprint, payload));

    Run run =
        dikast(
            "attest",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--signature",
            signature.toString(),
            "--public-key-id",
            fingerprint);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(verifyUpload(run, fingerprint)).isEqualTo(Verification.verifiedBy(fingerprint));
  }

  @Test
  void uploadsAnOpensslSignatureOverThePrintedPayload() throws Exception {
    OpenSsl.Key key = openSsl.ecKey("P-256");
    String keyId = KeyParser.parsePkix(null, key.publicKeyPem(), "ECDSA_P256_SHA256").keyId();
    byte[] payload = Dikast.run("sign", "--image", IMAGE, "--payload-only").out().getBytes(UTF_8);
    Path signature = Files.write(dir.resolve("payload.sig"), openSsl.sign(key, "SHA256", payload));

    Run run =
        dikast(
            "attest",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--signature",
            signature.toString(),
            "--public-key-id",
            keyId,
            "--output",
            "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(verifyUpload(run, key.publicKeyPem(), "ECDSA_P256_SHA256"))
        .isEqualTo(Verification.verifiedBy(keyId));
  }

  @Test
  void filesTheOccurrenceUnderAnotherProjectWhenAsked() throws Exception {
    OpenSsl.Key key = openSsl.ecKey("P-256");

    Run run =
        dikast(
            "sign",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--key",
            key.privateKey().toString(),
            "--algorithm",
            "ECDSA_P256_SHA256",
            "--project",
            "ci-builds",
            "--output",
            "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(occurrenceName(run.out())).startsWith("projects/ci-builds/occurrences/");
    assertThat(verifyUpload(run, key.publicKeyPem(), "ECDSA_P256_SHA256").verified()).isTrue();
  }

  @Test
  void refusesToFileAnAttestationUnderAMissingNote() {
    OpenSsl.Key key = openSsl.ecKey("P-256");

    Run run =
        dikast(
            "sign",
            "--image",
            IMAGE,
            "--note",
            "projects/image-signing/notes/absent",
            "--key",
            key.privateKey().toString(),
            "--algorithm",
            "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: Grafeas at "
                + server.address()
                + " refused the attestation: note projects/image-signing/notes/absent does not"
                + " exist (create a missing note with 'dikast note create --project image-signing"
                + " --note absent')\n");
  }

  @Test
  void reportsACallWithoutTheTokenAsRefusedCredentials() {
    Run run =
        Dikast.run(
            "note",
            "create",
            "--project",
            "image-signing",
            "--note",
            "qa",
            "--grafeas",
            server.address());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("dikast: Grafeas at " + server.address() + " refused the credentials: ")
        .hasLineCount(1);
  }

  @Test
  void thePackagedLauncherSignsWithConnectionSettingsFromTheEnvironment() throws Exception {
    OpenSsl.Key key = openSsl.ecKey("P-256");
    Path out = dir.resolve("launcher.out");
    Path err = dir.resolve("launcher.err");
    ProcessBuilder builder =
        new ProcessBuilder(
                System.getProperty("dikast.launcher"),
                "sign",
                "--image",
                IMAGE,
                "--note",
                NOTE,
                "--key",
                key.privateKey().toString(),
                "--algorithm",
                "ECDSA_P256_SHA256")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "DIKAST_GRAFEAS",
                server.address(),
                "DIKAST_GRAFEAS_TOKEN_FILE",
                tokenFile.toString(),
                "DIKAST_OUTPUT",
                "json"));
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }

    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(err)).isEmpty();
    Run run = new Run(0, Files.readString(out), "");
    assertThat(verifyUpload(run, key.publicKeyPem(), "ECDSA_P256_SHA256").verified()).isTrue();
  }

  private static Verification verifyUpload(Run run, String pgpFingerprint) throws Exception {
    return verifyUpload(
        run, KeyParser.parsePgp(pgpFingerprint, gpg.exportPublicKey(pgpFingerprint)));
  }

  private static Verification verifyUpload(Run run, String publicKeyPem, String algorithm)
      throws Exception {
    return verifyUpload(run, KeyParser.parsePkix(null, publicKeyPem, algorithm));
  }

  private static Occurrence occurrence(String name) {
    ManagedChannel channel = NettyChannelBuilder.forTarget(server.address()).usePlaintext().build();
    try {
      return GrafeasGrpc.newBlockingStub(channel)
          .withCallCredentials(new TestBearerToken(TOKEN))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getOccurrence(GetOccurrenceRequest.newBuilder().setName(name).build());
    } finally {
      channel.shutdownNow();
    }
  }

  // Reads the occurrence back over gRPC and checks it as the webhook would.
  private static Verification verifyUpload(Run run, TrustedKey key) throws IOException {
    String name = occurrenceName(run.out());
    Occurrence occurrence = occurrence(name);
    assertThat(occurrence.getResourceUri()).isEqualTo("https://" + IMAGE);
    assertThat(occurrence.getNoteName()).isEqualTo(NOTE);
    assertThat(occurrence.getKind()).isEqualTo(NoteKind.ATTESTATION);
    assertThat(occurrence.getAttestation().getSerializedPayload().toByteArray())
        .isEqualTo(AtomicContainerSignature.payloadFor(ImageReference.parse(IMAGE)));
    Attestation attestation =
        new Attestation(
            occurrence.getName(),
            occurrence.getAttestation().getSerializedPayload().toByteArray(),
            occurrence.getAttestation().getSignaturesList().stream()
                .map(
                    s ->
                        new AttestationSignature(
                            s.getSignature().toByteArray(), s.getPublicKeyId()))
                .toList());
    return AttestationVerifier.verify(ImageReference.parse(IMAGE), attestation, List.of(key));
  }

  // The envelope read back over gRPC, judged as the webhook judges an occurrence.
  private static AttestationFact verifyEnvelope(Run run, TrustedKey key) throws IOException {
    Occurrence occurrence = occurrence(occurrenceName(run.out()));
    assertThat(occurrence.hasEnvelope()).isTrue();
    assertThat(occurrence.getEnvelope().getPayloadType()).isEqualTo("application/vnd.in-toto+json");
    return AttestationFacts.verify(List.of(occurrence), List.of(key), ImageReference.parse(IMAGE));
  }

  // Text output names the occurrence second; JSON output under "occurrence".
  private static String occurrenceName(String out) throws IOException {
    if (out.startsWith("{")) {
      JsonNode result = JSON.readTree(out);
      return result.get("occurrence").asText();
    }
    assertThat(out).startsWith("attestation projects/image-signing/occurrences/");
    return out.split(" ")[1];
  }

  private static Run dikast(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--grafeas", server.address(), "--grafeas-token-file", tokenFile.toString()));
    return Dikast.run(all.toArray(String[]::new));
  }
}
