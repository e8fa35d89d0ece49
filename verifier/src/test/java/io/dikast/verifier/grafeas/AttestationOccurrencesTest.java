package io.dikast.verifier.grafeas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.verifier.attestation.OccurrenceAttestations;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttestationOccurrencesTest {

  private static final String NOTE = "projects/qa/notes/qa-attestor";
  private static final ImageReference IMAGE =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");

  @Test
  void filesTheSignatureUnderTheNoteOnTheImagesResourceUri() {
    Occurrence occurrence =
        AttestationOccurrences.of(
            NOTE, IMAGE, "payload".getBytes(UTF_8), "signature".getBytes(UTF_8), "qa-ec");

    assertThat(occurrence.getName()).isEmpty();
    assertThat(occurrence.getNoteName()).isEqualTo(NOTE);
    assertThat(occurrence.getKind()).isEqualTo(NoteKind.ATTESTATION);
    assertThat(occurrence.getResourceUri())
        .isEqualTo(
            "https://gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
    assertThat(occurrence.getAttestation().getSerializedPayload().toStringUtf8())
        .isEqualTo("payload");
    assertThat(occurrence.getAttestation().getSignaturesList())
        .singleElement()
        .satisfies(
            signature -> {
              assertThat(signature.getSignature().toStringUtf8()).isEqualTo("signature");
              assertThat(signature.getPublicKeyId()).isEqualTo("qa-ec");
            });
  }

  @Test
  void readsBackAsAnAttestationThatVerifiesWithTheSignersKey() throws Exception {
    JcaEcSigner signer = JcaEcSigner.generate();
    TrustedKey key = KeyParser.parsePkix("qa-ec", signer.publicKeyPem(), "ECDSA_P256_SHA256");
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);

    Occurrence occurrence =
        AttestationOccurrences.of(NOTE, IMAGE, payload, signer.sign(payload), "qa-ec");
    Verification verification =
        AttestationVerifier.verify(IMAGE, OccurrenceAttestations.of(occurrence), List.of(key));

    assertThat(verification).isEqualTo(Verification.verifiedBy("qa-ec"));
  }
}
