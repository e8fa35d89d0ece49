package io.dikast.grafeas.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class V1alpha1TranslatorTest {

  private static final String SIGNED =
      "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nimage\n-----BEGIN PGP SIGNATURE-----\n\n"
          + "iQEz\n=abcd\n-----END PGP SIGNATURE-----";

  @Test
  void translatesAnAttestationAuthorityNoteToAV1AttestationNote() {
    V1alpha1Note note =
        V1alpha1Json.read(
            "{\"shortDescription\": \"QA\", \"attestationAuthority\": {\"hint\":"
                + " {\"humanReadableName\": \"qa\"}}}",
            V1alpha1Note.class,
            "note");

    assertThat(V1alpha1Translator.toV1(note))
        .isEqualTo(
            Note.newBuilder()
                .setShortDescription("QA")
                .setAttestation(
                    AttestationNote.newBuilder()
                        .setHint(AttestationNote.Hint.newBuilder().setHumanReadableName("qa")))
                .build());
  }

  @Test
  void translatesAPgpSignedAttestationReadWithRawLineBreaks() {
    String json =
        "{\"resourceUrl\": \"gcr.io/a@sha256:1\", \"noteName\": \"projects/p/notes/qa\","
            + " \"attestation\": {\"pgpSignedAttestation\": {\"signature\": \""
            + SIGNED
            + "\", \"contentType\": \"application/vnd.gcr.image.url.v1\", \"pgpKeyId\": \"ABCD\"}}}";

    Occurrence occurrence =
        V1alpha1Translator.toV1(V1alpha1Json.read(json, V1alpha1Occurrence.class, "occurrence"));

    assertThat(occurrence)
        .isEqualTo(
            Occurrence.newBuilder()
                .setResourceUri("gcr.io/a@sha256:1")
                .setNoteName("projects/p/notes/qa")
                .setAttestation(
                    AttestationOccurrence.newBuilder()
                        .setSerializedPayload(ByteString.copyFromUtf8("image"))
                        .addSignatures(
                            Signature.newBuilder()
                                .setSignature(ByteString.copyFromUtf8(SIGNED))
                                .setPublicKeyId("ABCD")))
                .build());
  }

  @Test
  void rejectsNoteWithoutAttestationAuthority() {
    assertInvalid(
        () ->
            V1alpha1Translator.toV1(
                V1alpha1Json.read("{\"shortDescription\": \"QA\"}", V1alpha1Note.class, "note")),
        "note.attestationAuthority is required: v1alpha1 accepts attestation authority notes");
  }

  @Test
  void rejectsOccurrenceWithoutPgpSignedAttestation() {
    assertInvalid(
        () ->
            V1alpha1Translator.toV1(
                V1alpha1Json.read(
                    "{\"resourceUrl\": \"x\", \"attestation\": {}}",
                    V1alpha1Occurrence.class,
                    "occurrence")),
        "occurrence.attestation.pgpSignedAttestation is required: v1alpha1 accepts PGP-signed"
            + " attestations");
  }

  @Test
  void rejectsUnknownFieldsAndEmptyBodies() {
    assertInvalid(
        () -> V1alpha1Json.read("{\"colour\": \"red\"}", V1alpha1Note.class, "note"),
        "invalid v1alpha1 note JSON: Unrecognized field \"colour\" (class"
            + " io.dikast.grafeas.v1alpha1.V1alpha1Note), not marked as ignorable");
    assertInvalid(() -> V1alpha1Json.read(" ", V1alpha1Note.class, "note"), "note is required");
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).isEqualTo(message);
            });
  }
}
