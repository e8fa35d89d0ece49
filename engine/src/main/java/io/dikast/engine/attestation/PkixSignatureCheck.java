package io.dikast.engine.attestation;

import io.dikast.engine.key.PkixTrustedKey;
import java.security.GeneralSecurityException;
import java.security.Signature;

/** Verifies a detached PKIX signature over the serialized payload with the key's one algorithm. */
final class PkixSignatureCheck {

  private PkixSignatureCheck() {}

  static byte[] signedPayload(PkixTrustedKey key, byte[] signature, byte[] serializedPayload)
      throws Rejection {
    if (!verifies(key, signature, serializedPayload)) {
      throw new Rejection("signature does not verify with key " + key.keyId());
    }
    return serializedPayload;
  }

  // Malformed DER or a signature of the wrong length fails like a wrong signature.
  static boolean verifies(PkixTrustedKey key, byte[] signature, byte[] payload) {
    try {
      Signature verifier = key.signatureAlgorithm().newSignature();
      verifier.initVerify(key.publicKey());
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
