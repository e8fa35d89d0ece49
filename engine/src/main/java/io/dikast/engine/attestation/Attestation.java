package io.dikast.engine.attestation;

import java.util.List;

/** A Grafeas v1 AttestationOccurrence, decoupled from the proto classes. */
public record Attestation(
    String occurrenceName, byte[] serializedPayload, List<AttestationSignature> signatures) {

  public Attestation {
    serializedPayload = serializedPayload == null ? new byte[0] : serializedPayload.clone();
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
  }

  @Override
  public byte[] serializedPayload() {
    return serializedPayload.clone();
  }
}
