package io.dikast.engine.attestation;

/**
 * One layer of a cosign signature manifest ({@code sha256-<hex>.sig}), decoupled from the registry
 * client: the simple-signing payload blob and the layer's annotations.
 *
 * @param payload the layer's blob, the bytes cosign signed
 * @param signature the base64 signature of annotation {@code dev.cosignproject.cosign/signature};
 *     null when absent
 * @param certificate the PEM certificate of annotation {@code dev.sigstore.cosign/certificate},
 *     which keyless signing attaches; null when absent
 */
public record CosignSignature(byte[] payload, String signature, String certificate) {

  public CosignSignature {
    payload = payload == null ? new byte[0] : payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
