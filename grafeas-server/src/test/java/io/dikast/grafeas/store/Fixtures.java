package io.dikast.grafeas.store;

import com.google.protobuf.ByteString;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;
import io.grafeas.v1.VulnerabilityOccurrence;

/** Notes and occurrences as the API hands them to the store. */
final class Fixtures {

  private Fixtures() {}

  static Note attestationNote(String name) {
    return Note.newBuilder()
        .setName(name)
        .setKind(NoteKind.ATTESTATION)
        .setShortDescription("attestation authority " + name)
        .setAttestation(
            AttestationNote.newBuilder()
                .setHint(AttestationNote.Hint.newBuilder().setHumanReadableName("qa")))
        .build();
  }

  static Occurrence attestation(String name, String noteName, String resourceUri) {
    return Occurrence.newBuilder()
        .setName(name)
        .setNoteName(noteName)
        .setResourceUri(resourceUri)
        .setKind(NoteKind.ATTESTATION)
        .setAttestation(
            AttestationOccurrence.newBuilder()
                .setSerializedPayload(ByteString.copyFromUtf8(resourceUri))
                .addSignatures(
                    Signature.newBuilder()
                        .setPublicKeyId("key-of-" + noteName)
                        .setSignature(ByteString.copyFromUtf8("signature of " + resourceUri))))
        .build();
  }

  static Occurrence vulnerability(String name, String noteName, String resourceUri) {
    return Occurrence.newBuilder()
        .setName(name)
        .setNoteName(noteName)
        .setResourceUri(resourceUri)
        .setKind(NoteKind.VULNERABILITY)
        .setVulnerability(VulnerabilityOccurrence.newBuilder().setCvssScore(7.5f))
        .build();
  }

  static Occurrence ofKind(NoteKind kind, String name, String noteName, String resourceUri) {
    return Occurrence.newBuilder()
        .setName(name)
        .setNoteName(noteName)
        .setResourceUri(resourceUri)
        .setKind(kind)
        .build();
  }

  /** A digest-pinned image URI, distinct for each {@code image}. */
  static String imageUri(int image) {
    return String.format("https://gcr.io/hightowerlabs/payment@sha256:%064x", image);
  }
}
