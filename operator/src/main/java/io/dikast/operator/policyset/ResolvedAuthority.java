package io.dikast.operator.policyset;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.engine.key.TrustedKey;
import io.dikast.verifier.policy.AuthorityMapper;
import io.dikast.verifier.registry.CosignSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An AttestationAuthority as admission uses it: where its signatures are kept and the keys that
 * parsed. An authority that is not ready still lists its good keys; policies naming it stay
 * enforced (fail closed).
 *
 * @param noteName the note as {@code projects/<p>/notes/<n>}, without a {@code v1/} prefix; empty
 *     when the authority reads only cosign signatures
 * @param keySetVersion changes whenever {@code keys} change, so verification caches can key on it
 * @param cosign where its cosign signatures are read, when it accepts them
 */
public record ResolvedAuthority(
    String namespace,
    String name,
    String noteName,
    List<TrustedKey> keys,
    String keySetVersion,
    boolean ready,
    Optional<CosignSettings> cosign) {

  public ResolvedAuthority {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(noteName, "noteName");
    keys = List.copyOf(keys);
    Objects.requireNonNull(keySetVersion, "keySetVersion");
    Objects.requireNonNull(cosign, "cosign");
  }

  /** Builds an authority of a Grafeas note only. */
  public static ResolvedAuthority of(
      String namespace, String name, String noteReference, List<TrustedKey> keys, boolean ready) {
    return of(namespace, name, noteReference, keys, ready, Optional.empty());
  }

  /** Builds the authority with its note normalized and its key-set version computed. */
  public static ResolvedAuthority of(
      String namespace,
      String name,
      String noteReference,
      List<TrustedKey> keys,
      boolean ready,
      Optional<CosignSettings> cosign) {
    return new ResolvedAuthority(
        namespace,
        name,
        AuthorityMapper.normalizeNote(noteReference),
        keys,
        keySetVersion(keys),
        ready,
        cosign);
  }

  public boolean hasNote() {
    return !noteName.isEmpty();
  }

  /**
   * Where the authority's signatures are read from, for cache keys: a fact found in one place never
   * answers for an authority that reads another.
   */
  public String signatureSources() {
    return cosign.map(settings -> noteName + "|" + settings.identity()).orElse(noteName);
  }

  /**
   * The authority with the keys that parsed; ready only when it declares keys and every one parsed,
   * as its Ready condition says.
   */
  public static ResolvedAuthority from(AttestationAuthority authority, List<KeyOutcome> outcomes) {
    return of(
        authority.getMetadata().getNamespace(),
        authority.getMetadata().getName(),
        authority.getSpec().getNoteReference(),
        outcomes.stream().filter(KeyOutcome::valid).map(KeyOutcome::key).toList(),
        !outcomes.isEmpty() && outcomes.stream().allMatch(KeyOutcome::valid),
        CosignSettings.of(authority.getSpec().getCosign()));
  }

  static String keySetVersion(List<TrustedKey> keys) {
    StringBuilder identity = new StringBuilder();
    keys.stream()
        .map(k -> k.type() + "|" + k.keyId() + "|" + k.fingerprint() + "|" + k.algorithm())
        .sorted()
        .forEach(line -> identity.append(line).append('\n'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
