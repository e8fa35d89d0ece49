package io.dikast.verifier.policy;

import io.dikast.engine.key.TrustedKey;
import java.util.Optional;

/**
 * One declared key after parsing: the trusted key, or why it cannot be trusted.
 *
 * @param declaredId the key id the resource gave, or null
 * @param reason a condition reason when the key failed, such as {@code InvalidKey}
 * @param error what is wrong with the key, for status and messages
 */
public record ParsedKey(String declaredId, Optional<TrustedKey> key, String reason, String error) {

  static ParsedKey of(String declaredId, TrustedKey key) {
    return new ParsedKey(declaredId, Optional.of(key), null, null);
  }

  static ParsedKey failed(String declaredId, String reason, String error) {
    return new ParsedKey(declaredId, Optional.empty(), reason, error);
  }
}
