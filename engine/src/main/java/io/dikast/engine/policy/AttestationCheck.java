package io.dikast.engine.policy;

import io.dikast.engine.image.ImageReference;
import java.util.Objects;

/**
 * A question the attestation backend must answer before a decision: has {@code authorityName}
 * validly attested {@code image}? The image is normalised to {@code repository@digest}, so the same
 * digest written with a tag or the {@code https://} scheme asks one question, not several.
 *
 * @param authorityName an AttestationAuthority in the policy's namespace
 * @param image a digest-pinned image, as {@link ImageReference#pinned()}
 */
public record AttestationCheck(String authorityName, ImageReference image) {

  public AttestationCheck {
    Objects.requireNonNull(authorityName, "authorityName");
    image = ImageReference.parse(image.pinned());
  }

  public static AttestationCheck of(String authorityName, String pinnedImage) {
    return new AttestationCheck(authorityName, ImageReference.parse(pinnedImage));
  }
}
