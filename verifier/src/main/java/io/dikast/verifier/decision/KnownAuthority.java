package io.dikast.verifier.decision;

import io.dikast.engine.key.TrustedKey;
import java.util.List;
import java.util.Objects;

/**
 * An AttestationAuthority as a decision uses it.
 *
 * @param noteName the note as {@code projects/<p>/notes/<n>}
 * @param keys the keys that parsed; none means nothing can verify under this authority
 * @param ready false when some declared key could not be used
 */
public record KnownAuthority(String name, String noteName, List<TrustedKey> keys, boolean ready) {

  public KnownAuthority {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(noteName, "noteName");
    keys = List.copyOf(keys);
  }
}
