package io.dikast.operator.verification;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;

/** Grafeas v1 attestation occurrences as signers upload them. */
public final class Occurrences {

  private Occurrences() {}

  /** The atomic container signature JSON that binds {@code image}'s repository and digest. */
  public static byte[] atomicPayload(ImageReference image) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\""
            + image.repository()
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + image.digest().orElseThrow()
            + "\"},\"type\":\"atomic container signature\"},\"optional\":{}}")
        .getBytes(UTF_8);
  }

  public static Occurrence attestation(
      String noteName, ImageReference image, byte[] payload, byte[] signature, String keyId) {
    return Occurrence.newBuilder()
        .setName(noteName.replaceFirst("/notes/.*", "") + "/occurrences/" + keyId.hashCode())
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

  /** The article's upload: a clear-signed digest text, the payload inside the signature. */
  public static Occurrence clearSigned(
      String noteName, ImageReference image, String clearSigned, String keyId) {
    return attestation(noteName, image, new byte[0], clearSigned.getBytes(UTF_8), keyId);
  }
}
