package io.dikast.verifier.grafeas;

import com.google.protobuf.ByteString;
import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.BuildOccurrence;
import io.grafeas.v1.Envelope;
import io.grafeas.v1.EnvelopeSignature;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import java.nio.charset.StandardCharsets;

/** The Grafeas v1 BUILD occurrence a builder uploads: signed provenance of one image. */
public final class BuildOccurrences {

  private BuildOccurrences() {}

  /**
   * A BUILD occurrence whose DSSE envelope holds the in-toto provenance statement and its
   * signature; {@code build.provenance_bytes} holds the statement again, unsigned, for readers that
   * know no envelopes (Dikast never reads it).
   */
  public static Occurrence of(
      String noteName, ImageReference image, byte[] statement, byte[] signature, String keyId) {
    return Occurrence.newBuilder()
        .setNoteName(noteName)
        .setResourceUri(image.resourceUri())
        .setKind(NoteKind.BUILD)
        .setBuild(
            BuildOccurrence.newBuilder()
                .setProvenanceBytes(new String(statement, StandardCharsets.UTF_8)))
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
