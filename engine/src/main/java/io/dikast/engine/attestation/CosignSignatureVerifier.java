package io.dikast.engine.attestation;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.PkixTrustedKey;
import io.dikast.engine.key.TrustedKey;
import java.util.Base64;
import java.util.List;

/**
 * Decides whether cosign's keyed signatures in a registry prove that an authority vouched for
 * exactly this image, by the rules Grafeas attestations follow: a signature must verify with one of
 * the authority's PKIX keys over a payload of cosign's type that binds this repository and digest.
 * A cosign signature names no key, so every PKIX key of the authority is tried. Keyless signatures
 * (a Fulcio certificate, no key of the authority) are out of scope and reported as unsupported.
 * Pure and thread-safe.
 */
public final class CosignSignatureVerifier {

  private CosignSignatureVerifier() {}

  public static Verification verify(
      ImageReference image, List<CosignSignature> signatures, List<TrustedKey> authorityKeys) {
    if (!image.isDigestPinned()) {
      return Verification.notVerified("image " + image + " is not pinned by a sha256 digest");
    }
    if (signatures.isEmpty()) {
      return Verification.notVerified("no cosign signature for " + image.pinned());
    }
    if (signatures.size() > Bounds.MAX_SIGNATURES) {
      return Verification.notVerified(
          "cosign signature manifest has " + signatures.size() + " layers, more than 16");
    }
    List<PkixTrustedKey> keys =
        authorityKeys.stream()
            .filter(PkixTrustedKey.class::isInstance)
            .map(PkixTrustedKey.class::cast)
            .toList();
    if (keys.isEmpty()) {
      return Verification.notVerified("authority has no PKIX key to check cosign signatures with");
    }
    return Verification.firstVerified(signatures, signature -> verify(image, signature, keys));
  }

  private static Verification verify(
      ImageReference image, CosignSignature signature, List<PkixTrustedKey> keys) {
    byte[] payload = signature.payload();
    if (payload.length > Bounds.MAX_BYTES) {
      return Verification.notVerified("cosign payload is larger than 64 KiB");
    }
    String encoded = signature.signature();
    if (encoded == null || encoded.isBlank()) {
      return Verification.notVerified(
          signature.certificate() == null
              ? "cosign signature layer has no signature annotation"
              : "cosign keyless signature (certificate only) is not supported");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      return Verification.notVerified("cosign signature annotation is not base64");
    }
    for (PkixTrustedKey key : keys) {
      if (PkixSignatureCheck.verifies(key, bytes, payload)) {
        try {
          PayloadBinding.requireCosign(image, payload);
          return Verification.verifiedBy(key.keyId());
        } catch (Rejection rejection) {
          return Verification.notVerified("cosign " + rejection.reason());
        }
      }
    }
    return Verification.notVerified(
        signature.certificate() == null
            ? "cosign signature does not verify with any key of this authority"
            : "cosign keyless signature (certificate) is not supported and does not verify with"
                + " any key of this authority");
  }
}
