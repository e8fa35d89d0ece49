package io.dikast.verifier.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.attestation.InTotoStatement;
import io.dikast.engine.attestation.Pae;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.verifier.grafeas.AttestationOccurrences;
import io.grafeas.v1.Occurrence;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ATTESTATION occurrences that carry a DSSE envelope, as {@code dikast sign --dsse} files them. */
class EnvelopeAttestationsTest {

  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final ImageReference IMAGE =
      ImageReference.parse("gcr.io/hightowerlabs/payment@sha256:" + "ab".repeat(32));

  private static OpenSsl openssl;
  private static OpenSsl.Key key;
  private static List<TrustedKey> keys;

  @BeforeAll
  static void makeKey() throws Exception {
    openssl = OpenSsl.start();
    key = openssl.ecKey("P-256");
    keys = List.of(KeyParser.parsePkix("qa", key.publicKeyPem(), "ECDSA_P256_SHA256"));
  }

  @AfterAll
  static void removeKey() {
    openssl.close();
  }

  @Test
  void anEnvelopeOverAStatementAboutTheImageVerifies() {
    assertThat(AttestationFacts.verify(List.of(envelope(IMAGE, "qa")), keys, IMAGE))
        .isEqualTo(new AttestationFact.Verified("qa"));
  }

  @Test
  void anEnvelopeAboutAnotherImageIsReportedAlone() {
    ImageReference other =
        ImageReference.parse("gcr.io/hightowerlabs/payment@sha256:" + "cd".repeat(32));

    assertThat(AttestationFacts.verify(List.of(envelope(other, "qa")), keys, IMAGE))
        .isEqualTo(
            new AttestationFact.NotVerified(
                "DSSE statement has no subject gcr.io/hightowerlabs/payment with sha256 digest "
                    + "ab".repeat(32)
                    + " (it names \"gcr.io/hightowerlabs/payment\")"));
  }

  @Test
  void eitherTheOccurrencesSignatureOrItsEnvelopeIsEnough() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    Occurrence signed =
        AttestationOccurrences.of(NOTE, IMAGE, payload, openssl.sign(key, "SHA256", payload), "qa")
            .toBuilder()
            .setEnvelope(envelope(IMAGE, "unknown").getEnvelope())
            .build();
    Occurrence badSignature =
        AttestationOccurrences.of(NOTE, IMAGE, payload, new byte[] {1, 2, 3}, "qa").toBuilder()
            .setEnvelope(envelope(IMAGE, "qa").getEnvelope())
            .build();

    assertThat(AttestationFacts.verify(List.of(signed), keys, IMAGE))
        .isEqualTo(new AttestationFact.Verified("qa"));
    assertThat(AttestationFacts.verify(List.of(badSignature), keys, IMAGE))
        .isEqualTo(new AttestationFact.Verified("qa"));
  }

  @Test
  void theEnvelopeSurvivesTheProtoAsItsSignerWroteIt() {
    Occurrence occurrence = envelope(IMAGE, "qa");

    DsseEnvelope read = OccurrenceAttestations.envelope(occurrence).orElseThrow();

    assertThat(read.payloadType()).isEqualTo("application/vnd.in-toto+json");
    assertThat(read.payload())
        .isEqualTo(InTotoStatement.about(IMAGE, InTotoStatement.APPROVAL_PREDICATE));
    assertThat(read.signatures()).singleElement().extracting(s -> s.publicKeyId()).isEqualTo("qa");
    assertThat(OccurrenceAttestations.envelope(occurrence.toBuilder().clearEnvelope().build()))
        .isEmpty();
  }

  private static Occurrence envelope(ImageReference image, String keyId) {
    byte[] statement = InTotoStatement.about(image, InTotoStatement.APPROVAL_PREDICATE);
    byte[] signature =
        openssl.sign(key, "SHA256", Pae.encode(DsseEnvelope.IN_TOTO_TYPE, statement));
    Occurrence occurrence =
        AttestationOccurrences.envelope(NOTE, image, statement, signature, keyId);
    assertThat(occurrence.getEnvelope().getSignatures(0).getSig())
        .isEqualTo(ByteString.copyFrom(signature));
    return occurrence;
  }
}
