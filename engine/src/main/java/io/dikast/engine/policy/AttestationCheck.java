package io.dikast.engine.policy;

import io.dikast.engine.image.ImageReference;
import java.util.Objects;

/**
 * A question the attestation backend must answer before a decision: has {@code authorityName}
 * validly attested {@code image}, or signed provenance of its build? The image is normalised to
 * {@code repository@digest}, so the same digest written with a tag or the {@code https://} scheme
 * asks one question, not several.
 *
 * @param authorityName an AttestationAuthority in the policy's namespace, or {@code
 *     <namespace>/<name>} for a cluster policy's (in the operator's namespace)
 * @param image a digest-pinned image, as {@link ImageReference#pinned()}
 * @param kind which evidence the authority must have signed
 */
public record AttestationCheck(String authorityName, ImageReference image, Kind kind) {

  /** The evidence asked for: the Grafeas occurrence kind it is read from differs. */
  public enum Kind {
    /** An ATTESTATION occurrence (or cosign signature) binding the image. */
    ATTESTATION,
    /** A BUILD occurrence whose DSSE envelope holds SLSA provenance of the image. */
    PROVENANCE
  }

  public AttestationCheck {
    Objects.requireNonNull(authorityName, "authorityName");
    image = ImageReference.parse(image.pinned());
    Objects.requireNonNull(kind, "kind");
  }

  /** An attestation check. */
  public AttestationCheck(String authorityName, ImageReference image) {
    this(authorityName, image, Kind.ATTESTATION);
  }

  public static AttestationCheck of(String authorityName, String pinnedImage) {
    return new AttestationCheck(authorityName, ImageReference.parse(pinnedImage));
  }

  public static AttestationCheck provenance(String authorityName, ImageReference image) {
    return new AttestationCheck(authorityName, image, Kind.PROVENANCE);
  }
}
