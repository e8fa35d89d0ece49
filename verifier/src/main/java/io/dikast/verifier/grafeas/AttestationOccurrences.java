package io.dikast.verifier.grafeas;

import com.google.protobuf.ByteString;
import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.Envelope;
import io.grafeas.v1.EnvelopeSignature;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;

/**
 * The Grafeas v1 ATTESTATION occurrences a signer uploads: one signature over the payload, or a
 * DSSE envelope, filed under the authority's note on the image's resource URI.
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

  /**
   * An ATTESTATION occurrence whose signature is in a DSSE envelope over an in-toto statement; the
   * attestation details hold the statement, unsigned, for readers that know no envelopes.
   */
  public static Occurrence envelope(
      String noteName, ImageReference image, byte[] statement, byte[] signature, String keyId) {
    return Occurrence.newBuilder()
        .setNoteName(noteName)
        .setResourceUri(image.resourceUri())
        .setKind(NoteKind.ATTESTATION)
        .setAttestation(
            AttestationOccurrence.newBuilder().setSerializedPayload(ByteString.copyFrom(statement)))
        .setEnvelope(
            Envelope.newBuilder()
                .setPayload(ByteString.copyFrom(statement))
                .setPayloadType(DsseEnvelope.IN_TOTO_TYPE)
                .addSignatures(
                    EnvelopeSignature.newBuilder()
                        .setSig(ByteString.copyFrom(signature))
                        .setKeyid(keyId)))
        .build();
  }
}
