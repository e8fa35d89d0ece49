package io.dikast.cli.sign;

import io.dikast.cli.CliException;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.image.InvalidImageReferenceException;

/** The {@code --image} of a signature: only a digest-pinned reference can be attested. */
final class PinnedImage {

  private PinnedImage() {}

  static ImageReference parse(String text) {
    ImageReference image;
    try {
      image = ImageReference.fromResourceUri(text);
    } catch (InvalidImageReferenceException e) {
      throw CliException.usage("--image: " + e.getMessage());
    }
    if (image.isDigestPinned()) {
      return image;
    }
    if (image.anyDigest().isPresent()) {
      throw CliException.usage(
          "image "
              + text
              + " is pinned by another algorithm; an attestation binds a sha256 digest");
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
