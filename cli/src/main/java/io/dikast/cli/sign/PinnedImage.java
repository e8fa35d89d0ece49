package io.dikast.cli.sign;

import io.dikast.cli.CliException;
import io.dikast.engine.image.ImageReference;

/** The {@code --image} of a signature: only a digest-pinned reference can be attested. */
final class PinnedImage {

  private PinnedImage() {}

  static ImageReference parse(String text) {
    ImageReference image;
    try {
      image = ImageReference.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--image is not an image reference: " + e.getMessage());
    }
    if (image.isDigestPinned()) {
      return image;
    }
    if (image.rawDigest().isPresent()) {
      throw CliException.usage(
          "image "
              + text
              + " has a malformed digest; a digest is sha256: followed by 64 lower-case hex digits");
    }
    throw CliException.usage(
        "image "
            + text
            + " is not pinned by a digest; an attestation binds one digest, so sign"
            + " repository@sha256:<digest> as printed by"
            + " docker inspect --format '{{index .RepoDigests 0}}' "
            + text
            + " or crane digest "
            + text);
  }
}
