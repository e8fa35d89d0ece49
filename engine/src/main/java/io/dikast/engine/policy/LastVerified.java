package io.dikast.engine.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * A valid attestation the backend confirmed before it became unavailable.
 *
 * @param keyId the authority's key that signed it
 * @param age how long ago the backend last confirmed it
 */
public record LastVerified(String keyId, Duration age) {

  public LastVerified {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new IllegalArgumentException("age must not be negative: " + age);
    }
  }
}
