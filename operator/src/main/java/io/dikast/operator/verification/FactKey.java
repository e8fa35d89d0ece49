package io.dikast.operator.verification;

import java.util.Objects;

/**
 * What a cached fact depends on: the authority, the places it read signatures from and the key set
 * it had when the fact was verified, and the pinned image. A new key set, note or signature
 * repository yields a new key, so a stale fact can never answer for the authority's current
 * configuration.
 *
 * @param sources {@link io.dikast.operator.policyset.ResolvedAuthority#signatureSources()}
 */
public record FactKey(
    String namespace, String authority, String sources, String keySetVersion, String image) {

  public FactKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(keySetVersion, "keySetVersion");
    Objects.requireNonNull(image, "image");
  }

  boolean belongsTo(String namespace, String authority) {
    return this.namespace.equals(namespace) && this.authority.equals(authority);
  }
}
