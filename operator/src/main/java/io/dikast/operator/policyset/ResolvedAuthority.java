package io.dikast.operator.policyset;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.engine.key.TrustedKey;
import io.dikast.verifier.policy.AuthorityMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An AttestationAuthority as admission uses it: its note and the keys that parsed. An authority
 * that is not ready still lists its good keys; policies naming it stay enforced (fail closed).
 *
 * @param noteName the note as {@code projects/<p>/notes/<n>}, without a {@code v1/} prefix
 * @param keySetVersion changes whenever {@code keys} change, so verification caches can key on it
 */
public record ResolvedAuthority(
    String namespace,
    String name,
    String noteName,
    List<TrustedKey> keys,
    String keySetVersion,
    boolean ready) {

  public ResolvedAuthority {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(noteName, "noteName");
    keys = List.copyOf(keys);
    Objects.requireNonNull(keySetVersion, "keySetVersion");
  }

  /** Builds the authority with its note normalized and its key-set version computed. */
  public static ResolvedAuthority of(
      String namespace, String name, String noteReference, List<TrustedKey> keys, boolean ready) {
    return new ResolvedAuthority(
        namespace,
        name,
        AuthorityMapper.normalizeNote(noteReference),
        keys,
        keySetVersion(keys),
        ready);
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
        !outcomes.isEmpty() && outcomes.stream().allMatch(KeyOutcome::valid));
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
