package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.JcaEcSigner;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadBindingTest {

  private static final String REPOSITORY = "gcr.io/hightowerlabs/payment";
  private static final String DIGEST =
      "sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String OTHER_DIGEST =
      "sha256:0000000000000000000000000000000000000000000000000000000000000001";
  private static final ImageReference IMAGE = ImageReference.parse(REPOSITORY + "@" + DIGEST);

  private static JcaEcSigner signer;
  private static TrustedKey key;

  @BeforeAll
  static void generateKey() throws Exception {
    signer = JcaEcSigner.generate();
    key = KeyParser.parsePkix("qa", signer.publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @Test
  void writesCanonicalAtomicPayload() {
    assertThat(new String(AtomicContainerSignature.payloadFor(IMAGE), UTF_8))
        .isEqualTo(
            "{\"critical\":{\"identity\":{\"docker-reference\":\""
                + REPOSITORY
                + "\"},\"image\":{\"docker-manifest-digest\":\""
                + DIGEST
                + "\"},\"type\":\"atomic container signature\"}}");
  }

  @Test
  void writesCosignPayloadAsCosignWritesIt() {
    assertThat(new String(AtomicContainerSignature.cosignPayloadFor(IMAGE), UTF_8))
        .isEqualTo(
            "{\"critical\":{\"identity\":{\"docker-reference\":\""
                + REPOSITORY
                + "\"},\"image\":{\"docker-manifest-digest\":\""
                + DIGEST
                + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}");
  }

  @Test
  void verifiesCosignPayloadItWrote() throws Exception {
    byte[] payload = AtomicContainerSignature.cosignPayloadFor(IMAGE);
    CosignSignature signature =
        new CosignSignature(
            payload, Base64.getEncoder().encodeToString(signer.sign(payload)), null);
    assertThat(CosignSignatureVerifier.verify(IMAGE, List.of(signature), List.of(key)))
        .isEqualTo(Verification.verifiedBy("qa"));
  }

  @Test
  void refusesToWritePayloadForImageNotPinnedByDigest() {
    assertThatThrownBy(
            () -> AtomicContainerSignature.payloadFor(ImageReference.parse("nginx:1.25")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image nginx:1.25 is not pinned by a sha256 digest");
  }

  @Test
  void verifiesAtomicPayloadWhoseIdentityCarriesATag() {
    assertThat(verifySigned(atomic(REPOSITORY + ":1.0", DIGEST, "atomic container signature")))
        .isEqualTo(Verification.verifiedBy("qa"));
  }

  @Test
  void deniesAtomicPayloadWhoseIdentityCarriesAnotherDigest() {
    String payload = atomic(REPOSITORY + "@" + OTHER_DIGEST, DIGEST, "atomic container signature");

    assertThat(verifySigned(payload))
        .isEqualTo(
            Verification.notVerified(
                "payload binds " + REPOSITORY + "@" + DIGEST + " not " + IMAGE.pinned()));
  }

  @Test
  void deniesPayloadWithDuplicateDigestKeys() {
    String payload =
        "{\"critical\":{\"identity\":{\"docker-reference\":\""
            + REPOSITORY
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + OTHER_DIGEST
            + "\",\"docker-manifest-digest\":\""
            + DIGEST
            + "\"},\"type\":\"atomic container signature\"}}";

    assertThat(verifySigned(payload))
        .isEqualTo(
            Verification.notVerified(
                "payload is not strict JSON (Duplicate field 'docker-manifest-digest')"));
  }

  @Test
  void deniesPayloadWithDuplicateTopLevelKeys() {
    String good = atomic(REPOSITORY, DIGEST, "atomic container signature");
    String payload =
        "{\"critical\":" + atomicCritical(REPOSITORY, OTHER_DIGEST) + "," + good.substring(1);

    assertThat(verifySigned(payload))
        .isEqualTo(
            Verification.notVerified("payload is not strict JSON (Duplicate field 'critical')"));
  }

  @Test
  void deniesWrongCriticalType() {
    assertThat(verifySigned(atomic(REPOSITORY, DIGEST, "cosign container image signature")))
        .isEqualTo(
            Verification.notVerified(
                "payload type is \"cosign container image signature\", not \"atomic container"
                    + " signature\""));
  }

  @Test
  void deniesUnknownCriticalField() {
    String payload =
        atomic(REPOSITORY, DIGEST, "atomic container signature")
            .replace("\"type\"", "\"expires\":\"never\",\"type\"");

    assertThat(verifySigned(payload))
        .isEqualTo(Verification.notVerified("payload has unknown critical field \"expires\""));
  }

  @Test
  void deniesJsonPayloadThatIsNotAnObject() {
    assertThat(verifySigned("[\"" + IMAGE.pinned() + "\"]"))
        .isEqualTo(Verification.notVerified("payload JSON is not an object"));
  }

  @Test
  void deniesJsonPayloadWithTrailingContent() {
    String payload = atomic(REPOSITORY, DIGEST, "atomic container signature") + "{}";

    assertThat(verifySigned(payload).reason()).startsWith("payload is not strict JSON (");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887",
        "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887",
        "  https://gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887\n\n"
      })
  void verifiesArticlePlainTextPayload(String payload) {
    assertThat(verifySigned(payload)).isEqualTo(Verification.verifiedBy("qa"));
  }

  @Test
  void deniesPlainTextPayloadNamingOnlyATag() {
    assertThat(verifySigned(REPOSITORY + ":1.0"))
        .isEqualTo(
            Verification.notVerified(
                "payload reference " + REPOSITORY + ":1.0 is not pinned by a sha256 digest"));
  }

  @Test
  void deniesPlainTextPayloadWithASecondLine() {
    assertThat(verifySigned(IMAGE.resourceUri() + "\nalso approved: everything"))
        .isEqualTo(Verification.notVerified("payload is not a single image reference"));
  }

  @Test
  void deniesAtomicPayloadWithMalformedDigest() {
    String payload =
        atomic(REPOSITORY, DIGEST.toUpperCase(Locale.ROOT), "atomic container signature");

    assertThat(verifySigned(payload))
        .isEqualTo(
            Verification.notVerified("payload docker-manifest-digest is not a sha256 digest"));
  }

  @Test
  void quotesLongUntrustedTypeShortAndOnOneLine() {
    String jsonEscapedNewline = "\\n";
    String type = jsonEscapedNewline + "x".repeat(100);

    assertThat(verifySigned(atomic(REPOSITORY, DIGEST, type)))
        .isEqualTo(
            Verification.notVerified(
                "payload type is \"?"
                    + "x".repeat(79)
                    + "…\", not \"atomic container signature\""));
  }

  @Test
  void deniesPayloadThatIsNotUtf8() {
    byte[] payload = {(byte) 0xC3, (byte) 0x28};

    assertThat(verifySignedBytes(payload))
        .isEqualTo(Verification.notVerified("payload is not UTF-8 text"));
  }

  @Test
  void deniesEmptyPayload() {
    assertThat(verifySigned("  \n")).isEqualTo(Verification.notVerified("payload is empty"));
  }

  private static String atomic(String dockerReference, String digest, String type) {
    return "{\"critical\":{\"identity\":{\"docker-reference\":\""
        + dockerReference
        + "\"},\"image\":{\"docker-manifest-digest\":\""
        + digest
        + "\"},\"type\":\""
        + type
        + "\"}}";
  }

  private static String atomicCritical(String dockerReference, String digest) {
    String whole = atomic(dockerReference, digest, "atomic container signature");
    return whole.substring("{\"critical\":".length(), whole.length() - 1);
  }

  private static Verification verifySigned(String payload) {
    return verifySignedBytes(payload.getBytes(UTF_8));
  }

  private static Verification verifySignedBytes(byte[] payload) {
    Attestation attestation =
        new Attestation(
            "projects/image-signing/occurrences/3",
            payload,
            List.of(new AttestationSignature(signer.sign(payload), "qa")));
    return AttestationVerifier.verify(IMAGE, attestation, List.of(key));
  }
}
