package io.dikast.engine.attestation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The outcome of checking one attestation for one image.
 *
 * @param keyId the id of the authority key whose signature verified; null when not verified
 * @param reason one short clause saying why it did not verify, fit for a deny message; null when
 *     verified
 */
public record Verification(boolean verified, String keyId, String reason) {

  /**
   * The first of {@code candidates} that verifies, or why none did: each distinct reason once, in
   * order. An attestation holds many signatures, and one valid signature is enough.
   */
  public static <T> Verification firstVerified(
      List<T> candidates, Function<T, Verification> check) {
    Set<String> reasons = new LinkedHashSet<>();
    for (T candidate : candidates) {
      Verification verification = check.apply(candidate);
      if (verification.verified()) {
        return verification;
      }
      reasons.add(verification.reason());
    }
    return notVerified(String.join("; ", reasons));
  }

  public static Verification verifiedBy(String keyId) {
    return new Verification(true, keyId, null);
  }

  public static Verification notVerified(String reason) {
    return new Verification(false, null, reason);
  }
}
