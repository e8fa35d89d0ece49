package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.OpenSsl;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CosignSignatureVerifierTest {

  private static final String DIGEST =
      "sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String OTHER_DIGEST =
      "sha256:0000000000000000000000000000000000000000000000000000000000000001";
  private static final ImageReference IMAGE =
      ImageReference.parse("registry.example.com/team/payment@" + DIGEST);
  private static final String CERTIFICATE =
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  private static OpenSsl openssl;
  private static OpenSsl.Key p256;
  private static OpenSsl.Key rsa;
  private static OpenSsl.Key stranger;
  private static TrustedKey p256Trusted;
  private static TrustedKey rsaTrusted;

  @BeforeAll
  static void generateKeys() throws Exception {
    openssl = OpenSsl.start();
    p256 = openssl.ecKey("P-256");
    rsa = openssl.rsaKey(2048);
    stranger = openssl.ecKey("P-256");
    p256Trusted = KeyParser.parsePkix("qa", p256.publicKeyPem(), "ECDSA_P256_SHA256");
    rsaTrusted = KeyParser.parsePkix("release", rsa.publicKeyPem(), "RSA_SIGN_PKCS1_2048_SHA256");
  }

  @AfterAll
  static void removeKeys() {
    openssl.close();
  }

  /** The payload as cosign writes it: its type, and {@code optional} null when not annotated. */
  private static byte[] payload(String repository, String digest, String type) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\""
            + repository
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + digest
            + "\"},\"type\":\""
            + type
            + "\"},\"optional\":null}")
        .getBytes(UTF_8);
  }

  private static byte[] cosignPayload() {
    return payload(
        "registry.example.com/team/payment", DIGEST, AtomicContainerSignature.COSIGN_TYPE);
  }

  private static CosignSignature signed(OpenSsl.Key key, byte[] payload) {
    return new CosignSignature(
        payload, Base64.getEncoder().encodeToString(openssl.sign(key, "SHA256", payload)), null);
  }

  private static Verification verify(CosignSignature... signatures) {
    return CosignSignatureVerifier.verify(
        IMAGE, List.of(signatures), List.of(p256Trusted, rsaTrusted));
  }

  @Test
  void verifiesOpensslSignaturesWithEitherKeyOfTheAuthority() {
    assertThat(verify(signed(p256, cosignPayload()))).isEqualTo(Verification.verifiedBy("qa"));
    assertThat(verify(signed(rsa, cosignPayload()))).isEqualTo(Verification.verifiedBy("release"));
  }

  @Test
  void oneGoodLayerAmongBadOnesIsEnough() {
    assertThat(verify(signed(stranger, cosignPayload()), signed(p256, cosignPayload())))
        .isEqualTo(Verification.verifiedBy("qa"));
  }

  @Test
  void rejectsASignatureOverAnotherDigest() {
    byte[] other =
        payload(
            "registry.example.com/team/payment",
            OTHER_DIGEST,
            AtomicContainerSignature.COSIGN_TYPE);

    assertThat(verify(signed(p256, other)).reason())
        .isEqualTo(
            "cosign payload binds registry.example.com/team/payment@"
                + OTHER_DIGEST
                + " not registry.example.com/team/payment@"
                + DIGEST);
  }

  @Test
  void rejectsASignatureForAnotherRepository() {
    byte[] other =
        payload("registry.example.com/team/other", DIGEST, AtomicContainerSignature.COSIGN_TYPE);

    assertThat(verify(signed(p256, other)).reason())
        .isEqualTo(
            "cosign payload binds registry.example.com/team/other@"
                + DIGEST
                + " not registry.example.com/team/payment@"
                + DIGEST);
  }

  @Test
  void rejectsATamperedPayload() {
    CosignSignature good = signed(p256, cosignPayload());
    byte[] tampered =
        payload(
            "registry.example.com/team/payment",
            OTHER_DIGEST,
            AtomicContainerSignature.COSIGN_TYPE);

    assertThat(verify(new CosignSignature(tampered, good.signature(), null)).reason())
        .isEqualTo("cosign signature does not verify with any key of this authority");
  }

  @Test
  void rejectsAKeyThatIsNotTheAuthoritys() {
    assertThat(verify(signed(stranger, cosignPayload())).reason())
        .isEqualTo("cosign signature does not verify with any key of this authority");
  }

  @Test
  void anAtomicPayloadSignedForGrafeasDoesNotPassForACosignOne() {
    byte[] atomic = AtomicContainerSignature.payloadFor(IMAGE);

    assertThat(verify(signed(p256, atomic)).reason())
        .isEqualTo(
            "cosign payload type is \"atomic container signature\", not \"cosign container image"
                + " signature\"");
  }

  @Test
  void reportsKeylessSignaturesAsUnsupported() {
    CosignSignature keyless = signed(stranger, cosignPayload());

    assertThat(verify(new CosignSignature(keyless.payload(), null, CERTIFICATE)).reason())
        .isEqualTo("cosign keyless signature (certificate only) is not supported");
    assertThat(
            verify(new CosignSignature(keyless.payload(), keyless.signature(), CERTIFICATE))
                .reason())
        .isEqualTo(
            "cosign keyless signature (certificate) is not supported and does not verify with any"
                + " key of this authority");
  }

  @Test
  void aKeyedSignatureThatAlsoCarriesACertificateCountsByItsKey() {
    CosignSignature keyed = signed(p256, cosignPayload());

    assertThat(verify(new CosignSignature(keyed.payload(), keyed.signature(), CERTIFICATE)))
        .isEqualTo(Verification.verifiedBy("qa"));
  }

  @Test
  void refusesATagInsteadOfADigest() {
    ImageReference tagged = ImageReference.parse("registry.example.com/team/payment:1.0");

    assertThat(
            CosignSignatureVerifier.verify(
                    tagged, List.of(signed(p256, cosignPayload())), List.of(p256Trusted))
                .reason())
        .isEqualTo("image registry.example.com/team/payment:1.0 is not pinned by a sha256 digest");
  }

  @Test
  void namesWhatIsMissingOrMalformed() {
    assertThat(verify().reason())
        .isEqualTo("no cosign signature for registry.example.com/team/payment@" + DIGEST);
    assertThat(verify(new CosignSignature(cosignPayload(), null, null)).reason())
        .isEqualTo("cosign signature layer has no signature annotation");
    assertThat(verify(new CosignSignature(cosignPayload(), "not base64!", null)).reason())
        .isEqualTo("cosign signature annotation is not base64");
    assertThat(
            verify(
                    Collections.nCopies(17, signed(p256, cosignPayload()))
                        .toArray(CosignSignature[]::new))
                .reason())
        .isEqualTo("cosign signature manifest has 17 layers, more than 16");
    assertThat(
            CosignSignatureVerifier.verify(IMAGE, List.of(signed(p256, cosignPayload())), List.of())
                .reason())
        .isEqualTo("authority has no PKIX key to check cosign signatures with");
  }
}
