package io.dikast.verifier.attestation;

import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationSignature;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;

/** Turns Grafeas v1 attestation occurrences into the engine's proto-free {@link Attestation}. */
public final class OccurrenceAttestations {

  private OccurrenceAttestations() {}

  public static Attestation of(Occurrence occurrence) {
    AttestationOccurrence attestation = occurrence.getAttestation();
    return new Attestation(
        occurrence.getName(),
        attestation.getSerializedPayload().toByteArray(),
        attestation.getSignaturesList().stream().map(OccurrenceAttestations::signature).toList());
  }

  private static AttestationSignature signature(Signature signature) {
    return new AttestationSignature(
        signature.getSignature().toByteArray(), signature.getPublicKeyId());
  }
}
