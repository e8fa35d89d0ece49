package io.dikast.cli.sign;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import io.dikast.engine.attestation.CosignSignature;
import io.dikast.engine.attestation.CosignSignatureVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.JibCosignSignatureSource;
import io.dikast.verifier.registry.RegistryAccess;
import io.dikast.verifier.registry.RegistryCredential;
import io.dikast.verifier.testing.CosignImages;
import io.dikast.verifier.testing.LocalRegistry;
import io.grpc.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dikast sign --cosign} against a real registry, read back as the operator reads it. */
class SignCosignTest {

  private static final String USER = "alice";
  private static final String PASSWORD = "s3cret-Pa55";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalRegistry open;
  private static LocalRegistry withPassword;
  private static LocalRegistry tls;
  private static OpenSsl openSsl;
  private static OpenSsl.Key key;
  private static TrustedKey trusted;
  private static JibCosignSignatureSource source;
  private static int images;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    open = LocalRegistry.open();
    withPassword = LocalRegistry.withPassword(USER, PASSWORD);
    tls = LocalRegistry.tls();
    openSsl = OpenSsl.start();
    key = openSsl.ecKey("P-256");
    trusted = KeyParser.parsePkix(null, key.publicKeyPem(), "ECDSA_P256_SHA256");
    source = new JibCosignSignatureSource();
  }

  @AfterAll
  static void stop() {
    source.close();
    openSsl.close();
    tls.close();
    withPassword.close();
    open.close();
  }

  private static ImageReference image(LocalRegistry registry) {
    String path = "team/payment" + (++images);
    String digest = CosignImages.pushImage(registry, path, "payment " + images);
    return ImageReference.parse(registry.repository(path) + "@" + digest);
  }

  private static Run sign(ImageReference image, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sign",
                "--cosign",
                "--image",
                image.pinned(),
                "--key",
                key.privateKey().toString(),
                "--algorithm",
                "ECDSA_P256_SHA256"));
    args.addAll(List.of(more));
    return Dikast.run(args.toArray(String[]::new));
  }

  private static Verification readBack(CosignLookup lookup) throws Exception {
    List<CosignSignature> signatures =
        source.signatures(lookup, Deadline.after(10, TimeUnit.SECONDS));
    return CosignSignatureVerifier.verify(lookup.image(), signatures, List.of(trusted));
  }

  private static RegistryAccess plainHttp(RegistryCredential... credentials) {
    return new RegistryAccess(List.of(credentials), Optional.empty(), true);
  }

  private Path dockerConfig(LocalRegistry registry, String password) throws Exception {
    String auth = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(UTF_8));
    return Files.writeString(
        dir.resolve("config.json"),
        "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
  }

  @Test
  void printsCosignsPayloadByteForByte() {
    ImageReference image =
        ImageReference.parse("gcr.io/hightowerlabs/payment@sha256:" + "ab".repeat(32));

    Run run = Dikast.run("sign", "--cosign", "--image", image.pinned(), "--payload-only");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().getBytes(UTF_8))
        .isEqualTo(CosignImages.payload(image.repository(), image.digest().orElseThrow()));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void pushesASignatureTheOperatorsReaderVerifies() throws Exception {
    ImageReference image = image(open);

    Run run = sign(image, "--plain-http");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "cosign signature pushed: "
                + image.repository()
                + ":"
                + CosignImages.signatureTag(image.digest().orElseThrow())
                + " signs "
                + image.pinned()
                + " with key "
                + trusted.keyId()
                + " (1 signature)\n");
    assertThat(readBack(new CosignLookup(image, Optional.empty(), plainHttp())))
        .isEqualTo(Verification.verifiedBy(trusted.keyId()));
  }

  @Test
  void appendsASecondSignatureAndPrintsJson() throws Exception {
    ImageReference image = image(open);
    assertThat(sign(image, "--plain-http").exitCode()).isZero();

    Run run = sign(image, "--plain-http", "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.path("image").asText()).isEqualTo(image.pinned());
    assertThat(result.path("repository").asText()).isEqualTo(image.repository());
    assertThat(result.path("tag").asText())
        .isEqualTo(CosignImages.signatureTag(image.digest().orElseThrow()));
    assertThat(result.path("manifestDigest").asText()).startsWith("sha256:");
    assertThat(result.path("signatures").asInt()).isEqualTo(2);
    assertThat(result.path("added").asBoolean()).isTrue();
    assertThat(result.path("publicKeyId").asText()).isEqualTo(trusted.keyId());
  }

  @Test
  void pushesToTheCosignRepository() throws Exception {
    ImageReference image = image(open);
    String signatures = open.repository("signatures/payment" + images);

    Run run = sign(image, "--plain-http", "--cosign-repository", signatures);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("cosign signature pushed: " + signatures + ":sha256-");
    assertThat(readBack(new CosignLookup(image, Optional.of(signatures), plainHttp())).verified())
        .isTrue();
    assertThat(readBack(new CosignLookup(image, Optional.empty(), plainHttp())).verified())
        .isFalse();
  }

  @Test
  void logsInWithTheRegistryConfigsCredentials() throws Exception {
    ImageReference image = image(withPassword);
    Path config = dockerConfig(withPassword, PASSWORD);

    Run run = sign(image, "--plain-http", "--registry-config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(
            readBack(
                    new CosignLookup(
                        image,
                        Optional.empty(),
                        plainHttp(new RegistryCredential(USER, PASSWORD, "test"))))
                .verified())
        .isTrue();
  }

  @Test
  void namesTheRegistryThatRefusedTheCredentials() throws Exception {
    ImageReference image = image(withPassword);
    Path config = dockerConfig(withPassword, "not-" + PASSWORD);

    Run run = sign(image, "--plain-http", "--registry-config", config.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: registry "
                + withPassword.host()
                + " refused the credentials ("
                + config
                + " ("
                + withPassword.host()
                + "))\n");
  }

  @Test
  void trustsTheRegistryCaItIsGiven() throws Exception {
    ImageReference image = image(tls);
    Path ca = Files.writeString(dir.resolve("ca.pem"), tls.caPem().orElseThrow());

    Run run = sign(image, "--registry-ca", ca.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(
            readBack(
                    new CosignLookup(
                        image, Optional.empty(), new RegistryAccess(List.of(), tls.caPem(), false)))
                .verified())
        .isTrue();
  }

  @Test
  void refusesARegistryWhoseCertificateIsNotTrusted() {
    ImageReference image = image(tls);

    Run run = sign(image);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: registry "
                + tls.host()
                + " presented a TLS certificate that is not trusted\n");
  }

  @Test
  void refusesAPgpKey() throws Exception {
    Path pgp;
    try (Gpg gpg = Gpg.start()) {
      String fingerprint = gpg.generateKey("QA <qa@example.com>", "ed25519", "sign");
      pgp = Files.writeString(dir.resolve("qa.asc"), gpg.exportSecretKey(fingerprint));
    }

    Run run =
        Dikast.run(
            "sign",
            "--cosign",
            "--image",
            open.repository("team/x") + "@sha256:" + "ab".repeat(32),
            "--key",
            pgp.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: key file "
                + pgp
                + " is a PGP key; cosign signatures need a PKIX key (a PEM private key and"
                + " --algorithm)\n");
  }

  @Test
  void refusesANoteBesideCosign() {
    Run run =
        sign(
            ImageReference.parse(open.repository("team/x") + "@sha256:" + "ab".repeat(32)),
            "--note",
            "projects/p/notes/n");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: --note files a Grafeas attestation and --cosign a registry signature;"
                + " choose one\n");
  }
}
