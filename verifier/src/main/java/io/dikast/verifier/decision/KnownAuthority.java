package io.dikast.verifier.decision;

import io.dikast.engine.key.TrustedKey;
import io.dikast.verifier.registry.CosignSettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An AttestationAuthority as a decision uses it.
 *
 * @param noteName the note as {@code projects/<p>/notes/<n>}; empty when the authority reads only
 *     cosign signatures
 * @param keys the keys that parsed; none means nothing can verify under this authority
 * @param ready false when some declared key could not be used
 * @param cosign where its cosign signatures are read, when it accepts them
 */
public record KnownAuthority(
    String name,
    String noteName,
    List<TrustedKey> keys,
    boolean ready,
    Optional<CosignSettings> cosign) {

  public KnownAuthority {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(noteName, "noteName");
    keys = List.copyOf(keys);
    Objects.requireNonNull(cosign, "cosign");
  }

  /** An authority of a Grafeas note only. */
  public KnownAuthority(String name, String noteName, List<TrustedKey> keys, boolean ready) {
    this(name, noteName, keys, ready, Optional.empty());
  }

  public boolean hasNote() {
    return !noteName.isEmpty();
  }
}
