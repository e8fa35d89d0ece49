package io.dikast.verifier.registry;

import io.dikast.engine.image.ImageReference;
import java.util.Objects;
import java.util.Optional;

/**
 * One question to a registry: the signatures of a pinned image.
 *
 * @param image the image whose signatures are read; pinned by a sha256 digest
 * @param signatureRepository the repository holding the signature manifest, like {@code
 *     COSIGN_REPOSITORY} (domain and path); empty for the image's own repository
 * @param access how to reach the registry of the signature repository
 */
public record CosignLookup(
    ImageReference image, Optional<String> signatureRepository, RegistryAccess access) {

  public CosignLookup {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(signatureRepository, "signatureRepository");
    Objects.requireNonNull(access, "access");
    if (!image.isDigestPinned()) {
      throw new IllegalArgumentException("image is not pinned by a sha256 digest: " + image);
    }
  }

  /** The repository the signature manifest is read from, normalised as image repositories are. */
  public String repository() {
    return signatureRepository.orElse(image.repository());
  }

  /** cosign's tag for the image's digest: {@code sha256:<hex>} becomes {@code sha256-<hex>.sig}. */
  public String tag() {
    return image.digest().orElseThrow().replace(':', '-') + ".sig";
  }
}
