package io.dikast.engine.attestation;

import java.util.List;

/**
 * A DSSE envelope (secure-systems-lab/dsse), as Grafeas v1 carries it in {@code
 * Occurrence.envelope}, decoupled from the proto classes.
 *
 * @param signatures each over {@link Pae#encode} of the type and payload; a key id is an optional,
 *     unauthenticated hint
 */
public record DsseEnvelope(
    String payloadType, byte[] payload, List<AttestationSignature> signatures) {

  /** What the envelope of an in-toto statement says its payload is. */
  public static final String IN_TOTO_TYPE = "application/vnd.in-toto+json";

  public DsseEnvelope {
    payloadType = payloadType == null ? "" : payloadType;
    payload = payload == null ? new byte[0] : payload.clone();
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
