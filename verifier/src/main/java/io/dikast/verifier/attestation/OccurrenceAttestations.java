package io.dikast.verifier.attestation;

import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.DsseEnvelope;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.Envelope;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;
import java.util.Optional;

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

  /** The occurrence's DSSE envelope, when it carries one beside (or instead of) signatures. */
  public static Optional<DsseEnvelope> envelope(Occurrence occurrence) {
    if (!occurrence.hasEnvelope()) {
      return Optional.empty();
    }
    Envelope envelope = occurrence.getEnvelope();
    return Optional.of(
        new DsseEnvelope(
            envelope.getPayloadType(),
            envelope.getPayload().toByteArray(),
            envelope.getSignaturesList().stream()
                .map(
                    signature ->
                        new AttestationSignature(
                            signature.getSig().toByteArray(), signature.getKeyid()))
                .toList()));
  }

  private static AttestationSignature signature(Signature signature) {
    return new AttestationSignature(
        signature.getSignature().toByteArray(), signature.getPublicKeyId());
  }
}
