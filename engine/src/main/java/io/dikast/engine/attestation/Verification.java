package io.dikast.engine.attestation;

/**
 * The outcome of checking one attestation for one image.
 *
 * @param keyId the id of the authority key whose signature verified; null when not verified
 * @param reason one short clause saying why it did not verify, fit for a deny message; null when
 *     verified
 */
public record Verification(boolean verified, String keyId, String reason) {

  public static Verification verifiedBy(String keyId) {
    return new Verification(true, keyId, null);
  }

  public static Verification notVerified(String reason) {
    return new Verification(false, null, reason);
  }
}
