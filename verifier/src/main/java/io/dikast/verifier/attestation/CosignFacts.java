package io.dikast.verifier.attestation;

import io.dikast.engine.attestation.CosignSignature;
import io.dikast.engine.attestation.CosignSignatureVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.CosignSignatureSource;
import io.dikast.verifier.registry.UnreadableSignaturesException;
import io.grpc.Deadline;
import java.util.List;

/**
 * Answers one question against a registry, uncached: does the image's cosign signature manifest
 * hold a signature by one of the authority's keys over a payload that binds this image?
 */
public final class CosignFacts {

  private CosignFacts() {}

  /** The fact for {@code lookup}; an unreachable registry is never a success. */
  public static AttestationFact find(
      CosignSignatureSource source, CosignLookup lookup, List<TrustedKey> keys, Deadline deadline) {
    List<CosignSignature> signatures;
    try {
      signatures = source.signatures(lookup, deadline);
    } catch (UnreadableSignaturesException e) {
      return new AttestationFact.NotVerified(
          "cosign signatures at " + where(lookup) + " are unreadable: " + e.getMessage());
    } catch (BackendUnavailableException e) {
      return new AttestationFact.Unavailable(e.getMessage());
    }
    return verify(signatures, keys, lookup);
  }

  static AttestationFact verify(
      List<CosignSignature> signatures, List<TrustedKey> keys, CosignLookup lookup) {
    if (signatures.isEmpty()) {
      return new AttestationFact.NotVerified(
          "no cosign signature for " + lookup.image().pinned() + " (no " + where(lookup) + ")");
    }
    Verification verification = CosignSignatureVerifier.verify(lookup.image(), signatures, keys);
    return verification.verified()
        ? new AttestationFact.Verified(verification.keyId())
        : new AttestationFact.NotVerified(verification.reason());
  }

  private static String where(CosignLookup lookup) {
    return lookup.repository() + ":" + lookup.tag();
  }
}
