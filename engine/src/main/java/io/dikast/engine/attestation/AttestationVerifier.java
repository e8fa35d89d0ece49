package io.dikast.engine.attestation;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.PgpTrustedKey;
import io.dikast.engine.key.PkixTrustedKey;
import io.dikast.engine.key.TrustedKey;
import java.util.List;

/**
 * Decides whether an attestation proves that an authority vouched for exactly this image: one of
 * its signatures must verify with the authority key its {@code public_key_id} names, over a payload
 * that binds this repository and digest. Pure and thread-safe.
 */
public final class AttestationVerifier {

  private AttestationVerifier() {}

  public static Verification verify(
      ImageReference image, Attestation attestation, List<TrustedKey> authorityKeys) {
    if (!image.isDigestPinned()) {
      return Verification.notVerified("image " + image + " is not pinned by a sha256 digest");
    }
    byte[] payload = attestation.serializedPayload();
    List<AttestationSignature> signatures = attestation.signatures();
    if (payload.length > Bounds.MAX_BYTES) {
      return Verification.notVerified("payload is larger than 64 KiB");
    }
    if (signatures.isEmpty()) {
      return Verification.notVerified("attestation has no signature");
    }
    if (signatures.size() > Bounds.MAX_SIGNATURES) {
      return Verification.notVerified(
          "attestation has " + signatures.size() + " signatures, more than 16");
    }
    return Verification.firstVerified(
        signatures, signature -> verify(image, payload, signature, authorityKeys));
  }

  private static Verification verify(
      ImageReference image,
      byte[] payload,
      AttestationSignature signature,
      List<TrustedKey> authorityKeys) {
    String keyId = signature.publicKeyId();
    if (keyId == null || keyId.isBlank()) {
      return Verification.notVerified("signature names no public key id");
    }
    List<TrustedKey> candidates = authorityKeys.stream().filter(k -> k.matchesId(keyId)).toList();
    if (candidates.isEmpty()) {
      return Verification.notVerified(
          "signature key " + keyId.strip() + " is not a key of this authority");
    }
    byte[] bytes = signature.signature();
    if (bytes.length == 0) {
      return Verification.notVerified("signature is empty");
    }
    if (bytes.length > Bounds.MAX_BYTES) {
      return Verification.notVerified("signature is larger than 64 KiB");
    }
    String firstReason = null;
    for (TrustedKey key : candidates) {
      try {
        PayloadBinding.require(image, signedPayload(key, bytes, payload));
        return Verification.verifiedBy(key.keyId());
      } catch (Rejection rejection) {
        firstReason = firstReason == null ? rejection.reason() : firstReason;
      }
    }
    return Verification.notVerified(firstReason);
  }

  private static byte[] signedPayload(TrustedKey key, byte[] signature, byte[] payload)
      throws Rejection {
    if (key instanceof PgpTrustedKey pgp) {
      return PgpSignatureCheck.signedPayload(pgp, signature, payload);
    }
    return PkixSignatureCheck.signedPayload((PkixTrustedKey) key, signature, payload);
  }
}
