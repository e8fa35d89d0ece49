package io.dikast.operator.verification;

import io.dikast.engine.policy.AttestationCheck;
import java.util.Objects;

/**
 * What a cached fact depends on: the authority, the places it read signatures from and the key set
 * it had when the fact was verified, the pinned image, and which evidence was asked for. A new key
 * set, note or signature repository yields a new key, so a stale fact can never answer for the
 * authority's current configuration, and an attestation never answers for provenance.
 *
 * @param sources {@link io.dikast.operator.policyset.ResolvedAuthority#signatureSources()}
 */
public record FactKey(
    String namespace,
    String authority,
    String sources,
    String keySetVersion,
    String image,
    AttestationCheck.Kind kind) {

  public FactKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(keySetVersion, "keySetVersion");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(kind, "kind");
  }

  /** The key of an attestation fact. */
  public FactKey(
      String namespace, String authority, String sources, String keySetVersion, String image) {
    this(namespace, authority, sources, keySetVersion, image, AttestationCheck.Kind.ATTESTATION);
  }

  boolean belongsTo(String namespace, String authority) {
    return this.namespace.equals(namespace) && this.authority.equals(authority);
  }
}
