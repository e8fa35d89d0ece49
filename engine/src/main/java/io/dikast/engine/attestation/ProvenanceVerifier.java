package io.dikast.engine.attestation;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.TrustedKey;
import java.util.List;

/**
 * Decides whether a DSSE envelope is an authority's signed SLSA provenance of exactly this image:
 * the envelope must verify as {@link DsseVerifier} says (an authority key, the pre-authentication
 * encoding, a subject naming this repository and digest), and its statement must be SLSA provenance
 * naming a builder. What the statement says is read only from the signed payload. Whether the
 * builder and sources are allowed is the policy's question, not this one's. Pure and thread-safe.
 */
public final class ProvenanceVerifier {

  private ProvenanceVerifier() {}

  public static ProvenanceVerification verify(
      ImageReference image, DsseEnvelope envelope, List<TrustedKey> authorityKeys) {
    Verification signed = DsseVerifier.verify(image, envelope, authorityKeys);
    if (!signed.verified()) {
      return ProvenanceVerification.notVerified(signed.reason());
    }
    try {
      return ProvenanceVerification.verifiedBy(
          signed.keyId(), SlsaProvenance.read(envelope.payload()));
    } catch (Rejection rejection) {
      return ProvenanceVerification.notVerified("DSSE " + rejection.reason());
    }
  }
}
