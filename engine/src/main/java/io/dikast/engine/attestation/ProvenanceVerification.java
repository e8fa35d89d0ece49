package io.dikast.engine.attestation;

/**
 * The outcome of checking one DSSE envelope as build provenance of one image.
 *
 * @param keyId the id of the authority key whose signature verified; null when not verified
 * @param provenance what the signed statement says about the build; null when not verified
 * @param reason one short clause saying why it does not count, fit for a deny message; null when
 *     verified
 */
public record ProvenanceVerification(String keyId, SlsaProvenance provenance, String reason) {

  public boolean verified() {
    return provenance != null;
  }

  static ProvenanceVerification verifiedBy(String keyId, SlsaProvenance provenance) {
    return new ProvenanceVerification(keyId, provenance, null);
  }

  static ProvenanceVerification notVerified(String reason) {
    return new ProvenanceVerification(null, null, reason);
  }
}
