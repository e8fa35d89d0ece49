package io.dikast.engine.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.JcaEcSigner;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttestationBoundsTest {

  private static final ImageReference IMAGE =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");

  private static JcaEcSigner signer;
  private static TrustedKey key;

  @BeforeAll
  static void generateKey() throws Exception {
    signer = JcaEcSigner.generate();
    key = KeyParser.parsePkix("qa", signer.publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @Test
  void deniesTagOnlyImage() {
    ImageReference tagged = ImageReference.parse("gcr.io/hightowerlabs/payment:1.0");

    assertThat(
            AttestationVerifier.verify(
                tagged, signed(AtomicContainerSignature.payloadFor(IMAGE)), List.of(key)))
        .isEqualTo(
            Verification.notVerified(
                "image gcr.io/hightowerlabs/payment:1.0 is not pinned by a sha256 digest"));
  }

  @Test
  void deniesImagePinnedByAnotherAlgorithm() {
    ImageReference malformed =
        ImageReference.parse("gcr.io/hightowerlabs/payment@sha512:" + "ab".repeat(64));

    assertThat(
            AttestationVerifier.verify(
                malformed, signed(AtomicContainerSignature.payloadFor(IMAGE)), List.of(key)))
        .isEqualTo(
            Verification.notVerified("image " + malformed + " is not pinned by a sha256 digest"));
  }

  @Test
  void deniesOversizedPayload() {
    byte[] payload = new byte[64 * 1024 + 1];

    assertThat(AttestationVerifier.verify(IMAGE, signed(payload), List.of(key)))
        .isEqualTo(Verification.notVerified("payload is larger than 64 KiB"));
  }

  @Test
  void deniesOversizedSignature() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    Attestation attestation =
        new Attestation(
            "o", payload, List.of(new AttestationSignature(new byte[64 * 1024 + 1], "qa")));

    assertThat(AttestationVerifier.verify(IMAGE, attestation, List.of(key)))
        .isEqualTo(Verification.notVerified("signature is larger than 64 KiB"));
  }

  @Test
  void deniesEmptySignatureList() {
    Attestation attestation =
        new Attestation("o", AtomicContainerSignature.payloadFor(IMAGE), List.of());

    assertThat(AttestationVerifier.verify(IMAGE, attestation, List.of(key)))
        .isEqualTo(Verification.notVerified("attestation has no signature"));
  }

  @Test
  void deniesMoreThanSixteenSignaturesEvenIfOneIsValid() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    AttestationSignature valid = new AttestationSignature(signer.sign(payload), "qa");
    Attestation attestation = new Attestation("o", payload, Collections.nCopies(17, valid));

    assertThat(AttestationVerifier.verify(IMAGE, attestation, List.of(key)))
        .isEqualTo(Verification.notVerified("attestation has 17 signatures, more than 16"));
  }

  @Test
  void verifiesWhenOneOfSeveralSignaturesIsByAnAuthorityKey() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    Attestation attestation =
        new Attestation(
            "o",
            payload,
            List.of(
                new AttestationSignature(new byte[] {1, 2, 3}, "stranger"),
                new AttestationSignature(signer.sign(payload), "qa")));

    assertThat(AttestationVerifier.verify(IMAGE, attestation, List.of(key)))
        .isEqualTo(Verification.verifiedBy("qa"));
  }

  @Test
  void reportsEveryDistinctReasonWhenNoSignatureVerifies() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    Attestation attestation =
        new Attestation(
            "o",
            payload,
            List.of(
                new AttestationSignature(new byte[] {1, 2, 3}, "stranger"),
                new AttestationSignature(new byte[] {1, 2, 3}, "qa"),
                new AttestationSignature(new byte[0], "qa"),
                new AttestationSignature(new byte[] {1}, null)));

    assertThat(AttestationVerifier.verify(IMAGE, attestation, List.of(key)))
        .isEqualTo(
            Verification.notVerified(
                "signature key stranger is not a key of this authority; signature does not verify"
                    + " with key qa; signature is empty; signature names no public key id"));
  }

  @Test
  void deniesAttestationWhenAuthorityHasNoKeys() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);

    assertThat(AttestationVerifier.verify(IMAGE, signed(payload), List.of()))
        .isEqualTo(Verification.notVerified("signature key qa is not a key of this authority"));
  }

  private static Attestation signed(byte[] payload) {
    return new Attestation(
        "projects/image-signing/occurrences/4",
        payload,
        List.of(new AttestationSignature(signer.sign(payload), "qa")));
  }
}
