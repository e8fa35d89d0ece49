package io.dikast.operator.autoattest;

import com.google.protobuf.ByteString;
import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;

/** The ATTESTATION occurrence an authority's signer uploads, as {@code dikast sign} writes it. */
final class SignedOccurrence {

  private SignedOccurrence() {}

  static Occurrence of(
      String noteName, ImageReference image, byte[] payload, byte[] signature, String keyId) {
    return Occurrence.newBuilder()
        .setNoteName(noteName)
        .setResourceUri(image.resourceUri())
        .setKind(NoteKind.ATTESTATION)
        .setAttestation(
            AttestationOccurrence.newBuilder()
                .setSerializedPayload(ByteString.copyFrom(payload))
                .addSignatures(
                    Signature.newBuilder()
                        .setSignature(ByteString.copyFrom(signature))
                        .setPublicKeyId(keyId)))
        .build();
  }

  /** The project of {@code projects/P/notes/N}: the occurrence lives beside its note. */
  static String project(String noteName) {
    return noteName.substring(0, noteName.indexOf("/notes/"));
  }
}
