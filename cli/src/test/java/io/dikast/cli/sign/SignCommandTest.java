package io.dikast.cli.sign;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.cli.testing.ClosedPort;
import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import io.dikast.cli.testing.ProtectedKeys;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {

  private static final String IMAGE = "gcr.io/hightowerlabs/payment@sha256:" + "ab".repeat(32);
  private static final String NOTE = "projects/image-signing/notes/qa";

  private static OpenSsl openSsl;
  private static OpenSsl.Key ecKey;

  @TempDir Path dir;

  @BeforeAll
  static void makeKeys() {
    openSsl = OpenSsl.start();
    ecKey = openSsl.ecKey("P-256");
  }

  @AfterAll
  static void deleteKeys() {
    openSsl.close();
  }

  @Test
  void printsTheAtomicContainerSignaturePayloadByteForByte() {
    Run run = Dikast.run("sign", "--image", IMAGE, "--payload-only");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().getBytes(UTF_8))
        .isEqualTo(AtomicContainerSignature.payloadFor(ImageReference.parse(IMAGE)));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void signsTheNormalisedNameOfADockerHubShortName() {
    String digest = "sha256:" + "e".repeat(64);

    Run run = Dikast.run("sign", "--image", "nginx@" + digest, "--payload-only");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("\"docker-reference\":\"docker.io/library/nginx\"")
        .contains("\"docker-manifest-digest\":\"" + digest + "\"");
  }

  @Test
  void refusesATagOnlyImageAndSaysHowToGetItsDigest() {
    Run run = Dikast.run("sign", "--image", "gcr.io/hightowerlabs/payment:1.0", "--payload-only");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: image gcr.io/hightowerlabs/payment:1.0 is not pinned by a digest; an"
                + " attestation binds one digest, so sign repository@sha256:<digest> as printed by"
                + " docker inspect --format '{{index .RepoDigests 0}}'"
                + " gcr.io/hightowerlabs/payment:1.0 or crane digest"
                + " gcr.io/hightowerlabs/payment:1.0\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void refusesAMalformedDigest() {
    Run run = Dikast.run("sign", "--image", "gcr.io/x/payment@sha256:ABC", "--payload-only");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: --image: invalid image reference \"gcr.io/x/payment@sha256:ABC\" (its"
                + " digest is not sha256, sha384 or sha512 followed by that many lower-case hex"
                + " digits)\n");
  }

  @Test
  void refusesADigestOfAnotherAlgorithm() {
    Run run =
        Dikast.run(
            "sign", "--image", "gcr.io/x/payment@sha512:" + "ab".repeat(64), "--payload-only");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: image gcr.io/x/payment@sha512:"
                + "ab".repeat(64)
                + " is pinned by another algorithm; an attestation binds a sha256 digest\n");
  }

  @Test
  void reportsAMissingKeyFile() {
    Path missing = dir.resolve("absent.pem");

    Run run = sign("--key", missing.toString(), "--algorithm", "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("dikast: key file " + missing + " does not exist\n");
  }

  @Test
  void asksForTheNoteUnlessOnlyThePayloadIsWanted() {
    Run run = Dikast.run("sign", "--image", IMAGE, "--key", ecKey.privateKey().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: missing --note projects/P/notes/N (needed unless --payload-only)\n");
  }

  @Test
  void aDsseEnvelopeIsNeitherACosignSignatureNorAnAttachedMessage() {
    Run both =
        Dikast.run(
            "sign", "--dsse", "--cosign", "--image", IMAGE, "--key", ecKey.privateKey().toString());
    Run attached =
        Dikast.run(
            "sign",
            "--dsse",
            "--attached",
            "--image",
            IMAGE,
            "--note",
            "projects/image-signing/notes/qa",
            "--key",
            ecKey.privateKey().toString());

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err())
        .isEqualTo(
            "dikast: --dsse files a Grafeas attestation and --cosign a registry signature;"
                + " choose one\n");
    assertThat(attached.exitCode()).isEqualTo(2);
    assertThat(attached.err())
        .isEqualTo("dikast: a DSSE envelope takes detached signatures; drop --attached\n");
  }

  @Test
  void refusesAMalformedNoteName() {
    Run run =
        Dikast.run(
            "sign", "--image", IMAGE, "--note", "qa", "--key", ecKey.privateKey().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: --note must be projects/<project>/notes/<note>, not 'qa'\n");
  }

  @Test
  void asksForTheAlgorithmOfAPkixKey() {
    Run run = sign("--key", ecKey.privateKey().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: a PKIX key needs --algorithm, one of RSA_PSS_2048_SHA256,"
                + " RSA_PSS_3072_SHA256, RSA_PSS_4096_SHA256, RSA_PSS_4096_SHA512,"
                + " RSA_SIGN_PKCS1_2048_SHA256, RSA_SIGN_PKCS1_3072_SHA256,"
                + " RSA_SIGN_PKCS1_4096_SHA256, RSA_SIGN_PKCS1_4096_SHA512, ECDSA_P256_SHA256,"
                + " ECDSA_P384_SHA384, ECDSA_P521_SHA512\n");
  }

  @Test
  void refusesAnAlgorithmTheKeyCannotMake() {
    Run run = sign("--key", ecKey.privateKey().toString(), "--algorithm", "ECDSA_P384_SHA384");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("dikast: key file " + ecKey.privateKey() + " does not fit: ")
        .contains("P-384")
        .endsWith("\n")
        .hasLineCount(1);
  }

  @Test
  void refusesAPublicKeyGivenAsTheSigningKey() throws Exception {
    Path publicKey = Files.writeString(dir.resolve("public.pem"), ecKey.publicKeyPem());

    Run run = sign("--key", publicKey.toString(), "--algorithm", "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: key file " + publicKey + " holds a public key; sign with the private key\n");
  }

  @Test
  void reportsAWrongPassphraseForAnEncryptedPkcs8Key() throws Exception {
    Path key =
        Files.writeString(
            dir.resolve("locked.pem"), ProtectedKeys.protectPkcs8(ecKey.privateKey(), "right"));
    Path passphrase = Files.writeString(dir.resolve("passphrase"), "wrong\n");

    Run run =
        sign(
            "--key",
            key.toString(),
            "--algorithm",
            "ECDSA_P256_SHA256",
            "--passphrase-file",
            passphrase.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: the passphrase does not unlock key file " + key + "\n");
  }

  @Test
  void asksForThePassphraseOfAProtectedKey() throws Exception {
    Path key =
        Files.writeString(
            dir.resolve("locked.pem"), ProtectedKeys.protectPkcs8(ecKey.privateKey(), "right"));

    Run run = sign("--key", key.toString(), "--algorithm", "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: key file "
                + key
                + " is protected by a passphrase; give it with --passphrase-file\n");
  }

  @Test
  void reportsAWrongPassphraseForAProtectedPgpKey() throws Exception {
    Path key;
    try (Gpg gpg = Gpg.start()) {
      String fingerprint = gpg.generateKey("QA <qa@example.com>", "ed25519", "sign");
      key =
          Files.writeString(
              dir.resolve("qa.asc"),
              ProtectedKeys.protectPgp(gpg.exportSecretKey(fingerprint), "right"));
    }
    Path passphrase = Files.writeString(dir.resolve("passphrase"), "wrong");

    Run run = sign("--key", key.toString(), "--passphrase-file", passphrase.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: the passphrase does not unlock key file " + key + "\n");
  }

  @Test
  void refusesAPgpPublicKeyGivenAsTheSigningKey() throws Exception {
    Path key;
    try (Gpg gpg = Gpg.start()) {
      String fingerprint = gpg.generateKey("QA <qa@example.com>", "ed25519", "sign");
      key = Files.writeString(dir.resolve("qa.pub.asc"), gpg.exportPublicKey(fingerprint));
    }

    Run run = sign("--key", key.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: key file "
                + key
                + " holds a PGP public key; sign with the secret key (gpg --armor"
                + " --export-secret-keys)\n");
  }

  @Test
  void refusesAKeyFileThatIsNeitherPemNorPgp() throws Exception {
    Path key = Files.writeString(dir.resolve("key.txt"), "not a key\n");

    Run run = sign("--key", key.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: key file "
                + key
                + " holds neither a PGP secret key (gpg --armor --export-secret-keys) nor a PEM"
                + " private key\n");
  }

  @Test
  void reportsAnUnreachableGrafeasAfterSigning() {
    int port = ClosedPort.pick();

    Run run =
        Dikast.run(
            "sign",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--key",
            ecKey.privateKey().toString(),
            "--algorithm",
            "ECDSA_P256_SHA256",
            "--grafeas",
            "127.0.0.1:" + port);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: cannot reach Grafeas at 127.0.0.1:" + port + ": connection refused\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void takesTheGrafeasAddressFromTheEnvironment() {
    int port = ClosedPort.pick();

    Run run =
        Dikast.run(
            Map.of("DIKAST_GRAFEAS", "127.0.0.1:" + port),
            "sign",
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--key",
            ecKey.privateKey().toString(),
            "--algorithm",
            "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: cannot reach Grafeas at 127.0.0.1:" + port + ": connection refused\n");
  }

  @Test
  void addsTheCausesWhenVerbose() {
    int port = ClosedPort.pick();

    Run run =
        sign(
            "--key",
            ecKey.privateKey().toString(),
            "--algorithm",
            "ECDSA_P256_SHA256",
            "--grafeas",
            "127.0.0.1:" + port,
            "--verbose");

    assertThat(run.err())
        .startsWith("dikast: cannot reach Grafeas at 127.0.0.1:" + port + ": connection refused\n")
        .contains("  caused by: io.grpc.StatusRuntimeException: UNAVAILABLE");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  private static Run sign(String... keyOptions) {
    List<String> args = new ArrayList<>(List.of("sign", "--image", IMAGE, "--note", NOTE));
    args.addAll(List.of(keyOptions));
    return Dikast.run(args.toArray(String[]::new));
  }
}
