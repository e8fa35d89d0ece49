package io.dikast.verifier.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.CosignSignature;
import io.dikast.engine.attestation.CosignSignatureVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.testing.CosignImages;
import io.dikast.verifier.testing.LocalRegistry;
import io.grpc.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CosignSignatureWriterTest {

  private static final String USER = "alice";
  private static final String PASSWORD = "s3cret-Pa55";
  private static final RegistryCredential RIGHT =
      new RegistryCredential(USER, PASSWORD, "file a/right");
  private static final RegistryCredential WRONG =
      new RegistryCredential(USER, "not-" + PASSWORD, "file a/wrong");
  private static final RegistryAccess PLAIN_HTTP =
      new RegistryAccess(List.of(), Optional.empty(), true);
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalRegistry open;
  private static LocalRegistry withPassword;
  private static LocalRegistry tls;
  private static OpenSsl openssl;
  private static OpenSsl.Key qa;
  private static OpenSsl.Key release;
  private static JibCosignSignatureSource source;
  private static final CosignSignatureWriter WRITER =
      new CosignSignatureWriter(Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeAll
  static void start() {
    open = LocalRegistry.open();
    withPassword = LocalRegistry.withPassword(USER, PASSWORD);
    tls = LocalRegistry.tlsWithPassword(USER, PASSWORD);
    openssl = OpenSsl.start();
    qa = openssl.ecKey("P-256");
    release = openssl.ecKey("P-256");
    source = new JibCosignSignatureSource();
  }

  @AfterAll
  static void stop() {
    source.close();
    openssl.close();
    tls.close();
    withPassword.close();
    open.close();
  }

  private static String signature(OpenSsl.Key key, ImageReference image) {
    return Base64.getEncoder()
        .encodeToString(
            openssl.sign(key, "SHA256", AtomicContainerSignature.cosignPayloadFor(image)));
  }

  private static CosignSignatureWriter.Written write(
      ImageReference image, RegistryAccess access, OpenSsl.Key key) throws Exception {
    return WRITER.write(
        new CosignLookup(image, Optional.empty(), access),
        AtomicContainerSignature.cosignPayloadFor(image),
        signature(key, image));
  }

  private static List<CosignSignature> readBack(ImageReference image, RegistryAccess access)
      throws Exception {
    return source.signatures(
        new CosignLookup(image, Optional.empty(), access), Deadline.after(10, TimeUnit.SECONDS));
  }

  private static Verification verify(
      ImageReference image, List<CosignSignature> signatures, OpenSsl.Key key) throws Exception {
    TrustedKey trusted = KeyParser.parsePkix("k", key.publicKeyPem(), "ECDSA_P256_SHA256");
    return CosignSignatureVerifier.verify(image, signatures, List.of(trusted));
  }

  @Test
  void writesASignatureTheSourceReadsBackAndTheVerifierAccepts() throws Exception {
    ImageReference image = CosignImages.freshImage(open);

    CosignSignatureWriter.Written written = write(image, PLAIN_HTTP, qa);

    String tag = CosignImages.signatureTag(image.digest().orElseThrow());
    assertThat(written)
        .isEqualTo(
            new CosignSignatureWriter.Written(
                image.repository(), tag, written.manifestDigest(), 1, true));
    List<CosignSignature> signatures = readBack(image, PLAIN_HTTP);
    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0).payload())
        .isEqualTo(AtomicContainerSignature.cosignPayloadFor(image));
    assertThat(verify(image, signatures, qa)).isEqualTo(Verification.verifiedBy("k"));
  }

  @Test
  void laysTheManifestAndConfigOutAsCosignDoes() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    byte[] payload = AtomicContainerSignature.cosignPayloadFor(image);
    String signature = signature(qa, image);
    String tag =
        WRITER
            .write(new CosignLookup(image, Optional.empty(), PLAIN_HTTP), payload, signature)
            .tag();

    JsonNode manifest = JSON.readTree(open.pull(CosignImages.path(image), "manifests", tag));
    String payloadDigest = LocalRegistry.sha256(payload);
    assertThat(manifest.path("mediaType").asText()).isEqualTo(CosignImages.OCI_MANIFEST);
    assertThat(manifest.path("config").path("mediaType").asText())
        .isEqualTo(CosignImages.OCI_CONFIG);
    assertThat(manifest.path("layers"))
        .containsExactly(
            JSON.readTree(
                CosignImages.descriptor(CosignImages.SIMPLE_SIGNING, payloadDigest, payload.length)
                    .set(
                        "annotations",
                        JSON.createObjectNode().put(CosignImages.SIGNATURE_ANNOTATION, signature))
                    .toString()));
    String config =
        open.pull(
            CosignImages.path(image), "blobs", manifest.path("config").path("digest").asText());
    assertThat(config)
        .isEqualTo(
            "{\"architecture\":\"\",\"created\":\"2025-03-01T12:00:00Z\","
                + "\"history\":[{\"created\":\"2025-03-01T12:00:00Z\"}],\"os\":\"\","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + payloadDigest
                + "\"]},\"config\":{}}");
  }

  @Test
  void appendsASignatureOfAnotherKeyAndKeepsTheFirst() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    write(image, PLAIN_HTTP, qa);

    CosignSignatureWriter.Written second = write(image, PLAIN_HTTP, release);

    assertThat(second.signatures()).isEqualTo(2);
    assertThat(second.added()).isTrue();
    List<CosignSignature> signatures = readBack(image, PLAIN_HTTP);
    assertThat(signatures).hasSize(2);
    assertThat(verify(image, signatures.subList(0, 1), qa).verified()).isTrue();
    assertThat(verify(image, signatures.subList(1, 2), release).verified()).isTrue();
  }

  @Test
  void appendsToASignatureManifestCosignWrote() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    CosignImages.pushSignatures(
        open,
        CosignImages.path(image),
        image.digest().orElseThrow(),
        List.of(
            CosignImages.signed(
                openssl, release, AtomicContainerSignature.cosignPayloadFor(image))));

    write(image, PLAIN_HTTP, qa);

    List<CosignSignature> signatures = readBack(image, PLAIN_HTTP);
    assertThat(signatures).hasSize(2);
    assertThat(verify(image, signatures.subList(0, 1), release).verified()).isTrue();
    assertThat(verify(image, signatures.subList(1, 2), qa).verified()).isTrue();
  }

  @Test
  void writingTheSameSignatureTwiceKeepsOneLayer() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    String signature = signature(qa, image);
    CosignLookup target = new CosignLookup(image, Optional.empty(), PLAIN_HTTP);
    byte[] payload = AtomicContainerSignature.cosignPayloadFor(image);
    CosignSignatureWriter.Written first = WRITER.write(target, payload, signature);

    CosignSignatureWriter.Written again = WRITER.write(target, payload, signature);

    assertThat(again)
        .isEqualTo(
            new CosignSignatureWriter.Written(
                first.repository(), first.tag(), first.manifestDigest(), 1, false));
    assertThat(readBack(image, PLAIN_HTTP)).hasSize(1);
  }

  @Test
  void writesToTheSignatureRepositoryWhenOneIsGiven() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    String signatures = open.repository("signatures/" + CosignImages.path(image));
    CosignLookup target = new CosignLookup(image, Optional.of(signatures), PLAIN_HTTP);

    CosignSignatureWriter.Written written =
        WRITER.write(
            target, AtomicContainerSignature.cosignPayloadFor(image), signature(qa, image));

    assertThat(written.repository()).isEqualTo(signatures);
    assertThat(readBack(image, PLAIN_HTTP)).isEmpty();
    assertThat(
            verify(image, source.signatures(target, Deadline.after(10, TimeUnit.SECONDS)), qa)
                .verified())
        .isTrue();
  }

  @Test
  void writesWithTheRightPasswordAfterAWrongOne() throws Exception {
    ImageReference image = CosignImages.freshImage(withPassword);
    RegistryAccess access = new RegistryAccess(List.of(WRONG, RIGHT), Optional.empty(), true);

    write(image, access, qa);

    assertThat(verify(image, readBack(image, access), qa).verified()).isTrue();
  }

  @Test
  void namesTheRegistryThatRefusedThePassword() {
    ImageReference image = CosignImages.freshImage(withPassword);
    RegistryAccess access = new RegistryAccess(List.of(WRONG), Optional.empty(), true);

    assertThatThrownBy(() -> write(image, access, qa))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("registry " + withPassword.host() + " refused the credentials (file a/wrong)");
  }

  @Test
  void writesOverTlsTrustingTheRegistrysCa() throws Exception {
    ImageReference image = CosignImages.freshImage(tls);
    RegistryAccess access = new RegistryAccess(List.of(RIGHT), tls.caPem(), false);

    write(image, access, qa);

    assertThat(verify(image, readBack(image, access), qa).verified()).isTrue();
  }

  @Test
  void refusesARegistryWhoseCertificateIsNotTrusted() {
    ImageReference image = CosignImages.freshImage(tls);
    RegistryAccess access = new RegistryAccess(List.of(RIGHT), Optional.empty(), false);

    assertThatThrownBy(() -> write(image, access, qa))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("registry " + tls.host() + " presented a TLS certificate that is not trusted");
  }

  @Test
  void refusesToAddASignatureToAnImageIndex() {
    ImageReference image = CosignImages.freshImage(open);
    String tag = CosignImages.signatureTag(image.digest().orElseThrow());
    open.pushManifest(
        CosignImages.path(image),
        tag,
        CosignImages.OCI_INDEX,
        CosignImages.index(image.digest().orElseThrow()));

    assertThatThrownBy(() -> write(image, PLAIN_HTTP, qa))
        .isInstanceOf(UnreadableSignaturesException.class)
        .hasMessage(
            "will not add a signature to "
                + image.repository()
                + ":"
                + tag
                + ": cosign signature manifest "
                + image.repository()
                + ":"
                + tag
                + " is unreadable (it is an image index, not an image manifest)");
  }

  @Test
  void refusesToAddASignatureToAnImageThatIsNotASignatureManifest() {
    ImageReference image = CosignImages.freshImage(open);
    String tag = CosignImages.signatureTag(image.digest().orElseThrow());
    String imageManifest =
        open.pull(CosignImages.path(image), "manifests", image.digest().orElseThrow());
    open.pushManifest(
        CosignImages.path(image), tag, CosignImages.OCI_MANIFEST, imageManifest.getBytes());

    assertThatThrownBy(() -> write(image, PLAIN_HTTP, qa))
        .isInstanceOf(UnreadableSignaturesException.class)
        .hasMessageEndingWith("is unreadable (it has no simple-signing layer)");
    assertThat(open.pull(CosignImages.path(image), "manifests", tag)).isEqualTo(imageManifest);
  }
}
