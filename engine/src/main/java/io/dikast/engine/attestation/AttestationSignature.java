package io.dikast.engine.attestation;

/**
 * One signature of a Grafeas v1 AttestationOccurrence: the raw signature bytes (PGP armored or
 * binary, or a PKIX signature) and the id of the key that claims to have made it.
 */
public record AttestationSignature(byte[] signature, String publicKeyId) {

  public AttestationSignature {
    signature = signature == null ? new byte[0] : signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
