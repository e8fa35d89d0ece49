package io.dikast.grafeas.v1alpha1;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import io.dikast.grafeas.api.ApiErrors;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;
import java.nio.charset.StandardCharsets;

/** Translates the article's v1alpha1 attestation notes and occurrences to and from v1. */
public final class V1alpha1Translator {

  /** The v1alpha1 kind that v1 calls {@code ATTESTATION}. */
  static final String ATTESTATION_AUTHORITY = "ATTESTATION_AUTHORITY";

  private V1alpha1Translator() {}

  public static Note toV1(V1alpha1Note note) {
    if (note.attestationAuthority() == null) {
      throw ApiErrors.invalidArgument(
          "note.attestationAuthority is required: v1alpha1 accepts attestation authority notes");
    }
    AttestationNote.Builder attestation = AttestationNote.newBuilder();
    if (note.attestationAuthority().hint() != null) {
      attestation.setHint(
          AttestationNote.Hint.newBuilder()
              .setHumanReadableName(
                  nullToEmpty(note.attestationAuthority().hint().humanReadableName())));
    }
    return Note.newBuilder()
        .setShortDescription(nullToEmpty(note.shortDescription()))
        .setLongDescription(nullToEmpty(note.longDescription()))
        .setAttestation(attestation)
        .build();
  }

  public static Occurrence toV1(V1alpha1Occurrence occurrence) {
    V1alpha1Occurrence.PgpSignedAttestation pgp =
        occurrence.attestation() == null ? null : occurrence.attestation().pgpSignedAttestation();
    if (pgp == null) {
      throw ApiErrors.invalidArgument(
          "occurrence.attestation.pgpSignedAttestation is required: v1alpha1 accepts PGP-signed"
              + " attestations");
    }
    ClearSignedMessage message = ClearSignedMessage.parse(pgp.signature());
    AttestationOccurrence attestation =
        AttestationOccurrence.newBuilder()
            .setSerializedPayload(ByteString.copyFrom(message.cleartext(), StandardCharsets.UTF_8))
            .addSignatures(
                Signature.newBuilder()
                    .setSignature(ByteString.copyFrom(message.text(), StandardCharsets.UTF_8))
                    .setPublicKeyId(nullToEmpty(pgp.pgpKeyId())))
            .build();
    return Occurrence.newBuilder()
        .setResourceUri(nullToEmpty(occurrence.resourceUrl()))
        .setNoteName(nullToEmpty(occurrence.noteName()))
        .setAttestation(attestation)
        .build();
  }

  public static V1alpha1Note toV1alpha1(Note note) {
    return new V1alpha1Note(
        note.getName(),
        note.getShortDescription(),
        note.getLongDescription(),
        ATTESTATION_AUTHORITY,
        new V1alpha1Note.AttestationAuthority(
            new V1alpha1Note.Hint(note.getAttestation().getHint().getHumanReadableName())),
        Timestamps.toString(note.getCreateTime()),
        Timestamps.toString(note.getUpdateTime()));
  }

  /** v1 has no place for the v1alpha1 content type, so the caller passes the one it received. */
  public static V1alpha1Occurrence toV1alpha1(Occurrence occurrence, String contentType) {
    AttestationOccurrence attestation = occurrence.getAttestation();
    Signature signature =
        attestation.getSignaturesCount() == 0
            ? Signature.getDefaultInstance()
            : attestation.getSignatures(0);
    return new V1alpha1Occurrence(
        occurrence.getName(),
        occurrence.getResourceUri(),
        occurrence.getNoteName(),
        ATTESTATION_AUTHORITY,
        new V1alpha1Occurrence.Attestation(
            new V1alpha1Occurrence.PgpSignedAttestation(
                signature.getSignature().toStringUtf8(), contentType, signature.getPublicKeyId())),
        Timestamps.toString(occurrence.getCreateTime()),
        Timestamps.toString(occurrence.getUpdateTime()));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
