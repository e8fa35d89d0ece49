package io.dikast.engine.attestation;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.PgpTrustedKey;
import io.dikast.engine.key.PkixTrustedKey;
import io.dikast.engine.key.TrustedKey;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether a DSSE envelope proves that an authority vouched for exactly this image: one of
 * its signatures must verify, with an authority key (the one its key id names, or any when it names
 * none), over the pre-authentication encoding of an in-toto statement whose subject is this
 * repository and digest. A PGP signature must sign the encoding: a signature of the statement
 * alone, detached or in a message around it, does not count. Pure and thread-safe.
 */
public final class DsseVerifier {

  private DsseVerifier() {}

  public static Verification verify(
      ImageReference image, DsseEnvelope envelope, List<TrustedKey> authorityKeys) {
    if (!image.isDigestPinned()) {
      return Verification.notVerified("image " + image + " is not pinned by a sha256 digest");
    }
    if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO_TYPE)) {
      return Verification.notVerified(
          "DSSE payload type is \""
              + Rejection.quote(envelope.payloadType())
              + "\", not \""
              + DsseEnvelope.IN_TOTO_TYPE
              + "\"");
    }
    byte[] payload = envelope.payload();
    if (payload.length > Bounds.MAX_BYTES) {
      return Verification.notVerified("DSSE payload is larger than 64 KiB");
    }
    List<AttestationSignature> signatures = envelope.signatures();
    if (signatures.isEmpty()) {
      return Verification.notVerified("DSSE envelope has no signature");
    }
    if (signatures.size() > Bounds.MAX_SIGNATURES) {
      return Verification.notVerified(
          "DSSE envelope has " + signatures.size() + " signatures, more than 16");
    }
    byte[] signed = Pae.encode(envelope.payloadType(), payload);
    return Verification.firstVerified(
        signatures, signature -> verify(image, signed, payload, signature, authorityKeys));
  }

  private static Verification verify(
      ImageReference image,
      byte[] signed,
      byte[] payload,
      AttestationSignature signature,
      List<TrustedKey> authorityKeys) {
    String keyId = signature.publicKeyId();
    List<TrustedKey> candidates =
        keyId == null || keyId.isBlank()
            ? authorityKeys
            : authorityKeys.stream().filter(k -> k.matchesId(keyId)).toList();
    if (candidates.isEmpty()) {
      return Verification.notVerified(
          "DSSE signature key " + keyId.strip() + " is not a key of this authority");
    }
    byte[] bytes = signature.signature();
    if (bytes.length == 0 || bytes.length > Bounds.MAX_BYTES) {
      return Verification.notVerified("DSSE signature is empty or larger than 64 KiB");
    }
    for (TrustedKey key : candidates) {
      if (verifies(key, bytes, signed)) {
        try {
          InTotoStatement.requireSubject(image, payload);
          return Verification.verifiedBy(key.keyId());
        } catch (Rejection rejection) {
          return Verification.notVerified("DSSE " + rejection.reason());
        }
      }
    }
    return Verification.notVerified(
        "DSSE signature does not verify with "
            + (candidates.size() == 1 ? "key " + candidates.get(0).keyId() : "any key")
            + " of this authority");
  }

  private static boolean verifies(TrustedKey key, byte[] signature, byte[] signed) {
    if (key instanceof PkixTrustedKey pkix) {
      return PkixSignatureCheck.verifies(pkix, signature, signed);
    }
    try {
      // An attached or clear-signed message counts only when what it signed is the encoding.
      return Arrays.equals(
          PgpSignatureCheck.signedPayload((PgpTrustedKey) key, signature, signed), signed);
    } catch (Rejection rejection) {
      return false;
    }
  }
}
