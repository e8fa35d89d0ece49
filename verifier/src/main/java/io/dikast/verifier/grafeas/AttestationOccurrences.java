package io.dikast.verifier.grafeas;

import com.google.protobuf.ByteString;
import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;

/**
 * The Grafeas v1 ATTESTATION occurrence a signer uploads: one signature over the payload, filed
 * under the authority's note on the image's resource URI.
 */
public final class AttestationOccurrences {

  private AttestationOccurrences() {}

  public static Occurrence of(
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
}
