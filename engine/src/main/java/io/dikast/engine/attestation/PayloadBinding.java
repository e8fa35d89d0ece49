package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.image.InvalidImageReferenceException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.regex.Pattern;

/**
 * Whether a signed payload vouches for exactly this repository and digest: an atomic container
 * signature, or the article's plain text payload, a digest-pinned reference on its own. Names are
 * compared normalised, so a payload for {@code nginx@sha256:…} binds {@code
 * docker.io/library/nginx@sha256:…} and the reverse.
 */
final class PayloadBinding {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s");

  private PayloadBinding() {}

  static void require(ImageReference image, byte[] payload) throws Rejection {
    String text = utf8(payload).strip();
    if (text.isEmpty()) {
      throw new Rejection("payload is empty");
    }
    if (text.startsWith("{") || text.startsWith("[")) {
      requireAtomic(image, AtomicContainerSignature.parse(payload));
    } else {
      requirePlainReference(image, text);
    }
  }

  /** A cosign simple-signing payload that vouches for exactly this repository and digest. */
  static void requireCosign(ImageReference image, byte[] payload) throws Rejection {
    if (utf8(payload).isBlank()) {
      throw new Rejection("payload is empty");
    }
    requireAtomic(
        image, AtomicContainerSignature.parse(payload, AtomicContainerSignature.COSIGN_TYPE));
  }

  private static void requireAtomic(ImageReference image, AtomicContainerSignature signature)
      throws Rejection {
    ImageReference identity = reference(signature.dockerReference(), "docker-reference");
    String digest = signature.manifestDigest();
    if (!SHA256.matcher(digest).matches()) {
      throw new Rejection("payload docker-manifest-digest is not a sha256 digest");
    }
    boolean digestOnIdentityAgrees =
        identity.anyDigest().isEmpty() || identity.anyDigest().get().equals(digest);
    if (!identity.repository().equals(image.repository())
        || !digest.equals(image.digest().orElseThrow())
        || !digestOnIdentityAgrees) {
      throw new Rejection(
          "payload binds " + identity.repository() + "@" + digest + " not " + image.pinned());
    }
  }

  private static void requirePlainReference(ImageReference image, String text) throws Rejection {
    if (WHITESPACE.matcher(text).find()) {
      throw new Rejection("payload is not a single image reference");
    }
    ImageReference named = reference(text, "reference");
    if (!named.isDigestPinned()) {
      throw new Rejection(
          "payload reference " + Rejection.quote(text) + " is not pinned by a sha256 digest");
    }
    if (!named.pinned().equals(image.pinned())) {
      throw new Rejection("payload binds " + named.pinned() + " not " + image.pinned());
    }
  }

  // Any spelling of the image counts, and the resource URI form too, which signers copy from
  // Grafeas.
  private static ImageReference reference(String text, String what) throws Rejection {
    try {
      return ImageReference.fromResourceUri(text);
    } catch (InvalidImageReferenceException e) {
      throw new Rejection("payload " + what + " is not an image reference (" + e.reason() + ")");
    }
  }

  private static String utf8(byte[] payload) throws Rejection {
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Rejection("payload is not UTF-8 text");
    }
  }
}
