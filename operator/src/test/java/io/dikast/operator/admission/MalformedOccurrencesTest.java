package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static io.dikast.operator.admission.GrafeasPages.QA_KEY_ID;
import static io.dikast.operator.admission.GrafeasPages.QA_NOTE;
import static io.dikast.operator.admission.GrafeasPages.assertDeniedBecause;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.operator.verification.Occurrences;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;
import io.grafeas.v1.VulnerabilityOccurrence;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Well-formed Grafeas pages whose occurrences are malformed or hostile. None of them admits the
 * image; a valid attestation in the same page still does; every answer comes within the budget.
 */
class MalformedOccurrencesTest {

  private static final ImageReference IMAGE = ImageReference.parse(PAYMENT);
  private static final ImageReference OTHER =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:"
              + "0000000000000000000000000000000000000000000000000000000000000000");
  private static final JcaEcSigner QA_KEY = JcaEcSigner.generate();
  private static final String NO_OCCURRENCE = "no attestation occurrence for this digest";

  /**
   * A malformed occurrence, built from a valid one with the qa key where it needs a real signature,
   * and the reason the denial gives.
   */
  static Stream<Arguments> malformed() {
    return Stream.of(
        named(
            "vulnerability occurrence under the attestation note",
            NO_OCCURRENCE,
            (key, valid) ->
                valid.toBuilder()
                    .clearAttestation()
                    .setKind(NoteKind.VULNERABILITY)
                    .setVulnerability(VulnerabilityOccurrence.getDefaultInstance())
                    .build()),
        named(
            "attestation without signatures",
            "attestation has no signature",
            (key, valid) -> withSignatures(valid, List.of())),
        named(
            "empty signature bytes",
            "signature is empty",
            (key, valid) -> withSignatures(valid, List.of(signature(new byte[0], QA_KEY_ID)))),
        named(
            "signature over other bytes",
            "signature does not verify with key " + QA_KEY_ID,
            (key, valid) ->
                withSignatures(
                    valid, List.of(signature(key.sign("other".getBytes(UTF_8)), QA_KEY_ID)))),
        named(
            "payload not JSON",
            "payload is not a single image reference",
            (key, valid) -> signed(key, "not json".getBytes(UTF_8))),
        named(
            "JSON payload of the wrong shape",
            "payload has no \"critical\" object",
            (key, valid) -> signed(key, "{\"critical\":[1,2,3]}".getBytes(UTF_8))),
        named(
            "payload naming another digest",
            "payload binds " + OTHER.pinned() + " not " + IMAGE.pinned(),
            (key, valid) -> signed(key, Occurrences.atomicPayload(OTHER))),
        named(
            "3 MiB payload",
            "payload is larger than 64 KiB",
            (key, valid) -> signed(key, new byte[3 << 20])),
        named(
            "a thousand signatures",
            "attestation has 1000 signatures, more than 16",
            (key, valid) ->
                withSignatures(
                    valid,
                    IntStream.range(0, 1000)
                        .mapToObj(i -> signature(new byte[64], QA_KEY_ID))
                        .toList())),
        named(
            "resource URI of another image",
            NO_OCCURRENCE,
            (key, valid) -> valid.toBuilder().setResourceUri(OTHER.resourceUri()).build()),
        named(
            "resource URI naming a tag",
            NO_OCCURRENCE,
            (key, valid) ->
                valid.toBuilder()
                    .setResourceUri("https://gcr.io/hightowerlabs/payment:1.0")
                    .build()),
        named(
            "note of another authority",
            NO_OCCURRENCE,
            (key, valid) ->
                valid.toBuilder().setNoteName("projects/image-signing/notes/other").build()),
        named(
            "garbage PGP-armored signature",
            "signature does not verify with key " + QA_KEY_ID,
            (key, valid) ->
                Occurrences.clearSigned(
                    QA_NOTE,
                    IMAGE,
                    "-----BEGIN PGP SIGNED MESSAGE-----\n\ngarbage\n-----END PGP SIGNATURE-----\n",
                    QA_KEY_ID)),
        named(
            "unknown public key id",
            "signature key unknown-key is not a key of this authority",
            (key, valid) ->
                withSignatures(
                    valid,
                    List.of(
                        signature(
                            key.sign(valid.getAttestation().getSerializedPayload().toByteArray()),
                            "unknown-key")))));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void deniesAnImageWhoseOnlyOccurrenceIsMalformed(
      BiFunction<JcaEcSigner, Occurrence, Occurrence> malformed, String reason) throws Exception {
    Occurrence occurrence = malformed.apply(QA_KEY, valid());

    JsonNode response = admitWithPage(List.of(occurrence));

    assertDeniedBecause(response, "no valid attestation by authority qa (qa: " + reason + ")");
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void admitsAValidAttestationBesideAMalformedOne(
      BiFunction<JcaEcSigner, Occurrence, Occurrence> malformed, String reason) throws Exception {
    Occurrence occurrence = malformed.apply(QA_KEY, valid());

    JsonNode response = admitWithPage(List.of(occurrence, valid()));

    assertThat(response.path("allowed").asBoolean()).as(response.toString()).isTrue();
  }

  private static JsonNode admitWithPage(List<Occurrence> occurrences) throws Exception {
    return GrafeasPages.admit(
        QA_KEY,
        page -> ListNoteOccurrencesResponse.newBuilder().addAllOccurrences(occurrences).build());
  }

  private static Occurrence valid() {
    return signed(QA_KEY, Occurrences.atomicPayload(IMAGE));
  }

  private static Occurrence signed(JcaEcSigner key, byte[] payload) {
    return Occurrences.attestation(QA_NOTE, IMAGE, payload, key.sign(payload), QA_KEY_ID);
  }

  private static Occurrence withSignatures(Occurrence occurrence, List<Signature> signatures) {
    AttestationOccurrence attestation =
        occurrence.getAttestation().toBuilder()
            .clearSignatures()
            .addAllSignatures(signatures)
            .build();
    return occurrence.toBuilder().setAttestation(attestation).build();
  }

  private static Signature signature(byte[] bytes, String keyId) {
    return Signature.newBuilder()
        .setSignature(ByteString.copyFrom(bytes))
        .setPublicKeyId(keyId)
        .build();
  }

  private static Arguments named(
      String name, String reason, BiFunction<JcaEcSigner, Occurrence, Occurrence> malformed) {
    return Arguments.of(Named.of(name, malformed), reason);
  }
}
