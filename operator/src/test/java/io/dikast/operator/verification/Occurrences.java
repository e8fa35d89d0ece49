package io.dikast.operator.verification;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dikast.engine.image.ImageReference;
import io.dikast.verifier.grafeas.AttestationOccurrences;
import io.grafeas.v1.Occurrence;

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
    return AttestationOccurrences.of(noteName, image, payload, signature, keyId).toBuilder()
        .setName(noteName.replaceFirst("/notes/.*", "") + "/occurrences/" + keyId.hashCode())
        .build();
  }

  /** The article's upload: a clear-signed digest text, the payload inside the signature. */
  public static Occurrence clearSigned(
      String noteName, ImageReference image, String clearSigned, String keyId) {
    return attestation(noteName, image, new byte[0], clearSigned.getBytes(UTF_8), keyId);
  }
}
