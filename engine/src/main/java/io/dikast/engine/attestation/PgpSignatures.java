package io.dikast.engine.attestation;

import io.dikast.engine.key.PgpTrustedKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/** Checks that one of a message's signatures is a document signature by the authority's key. */
final class PgpSignatures {

  private static final Set<Integer> DOCUMENT_TYPES =
      Set.of(PGPSignature.BINARY_DOCUMENT, PGPSignature.CANONICAL_TEXT_DOCUMENT);
  private static final Set<Integer> STRONG_HASHES =
      Set.of(
          HashAlgorithmTags.SHA224,
          HashAlgorithmTags.SHA256,
          HashAlgorithmTags.SHA384,
          HashAlgorithmTags.SHA512,
          HashAlgorithmTags.SHA3_256,
          HashAlgorithmTags.SHA3_512);

  private PgpSignatures() {}

  /**
   * @param declaredHash whether the container declared the signature's hash algorithm (the
   *     cleartext {@code Hash:} header)
   */
  static void requireOne(
      PgpTrustedKey key, List<PGPSignature> signatures, byte[] data, IntPredicate declaredHash)
      throws Rejection {
    Rejection firstRejection = null;
    for (PGPSignature signature : signatures) {
      try {
        verify(key, signature, data, declaredHash);
        return;
      } catch (Rejection rejection) {
        firstRejection = firstRejection == null ? rejection : firstRejection;
      }
    }
    throw firstRejection;
  }

  private static void verify(
      PgpTrustedKey key, PGPSignature signature, byte[] data, IntPredicate declaredHash)
      throws Rejection {
    Optional<PGPPublicKey> signer = key.signingKey(signature.getKeyID());
    if (signer.isEmpty()) {
      throw new Rejection(
          "signature was made by key "
              + String.format(Locale.ROOT, "%016X", signature.getKeyID())
              + ", not by key "
              + key.keyId());
    }
    if (!DOCUMENT_TYPES.contains(signature.getSignatureType())) {
      throw new Rejection("signature is not a document signature");
    }
    if (!STRONG_HASHES.contains(signature.getHashAlgorithm())) {
      throw new Rejection("signature uses a weak or unknown hash algorithm");
    }
    if (!declaredHash.test(signature.getHashAlgorithm())) {
      throw new Rejection("clear-signed message's Hash header does not name the hash signed");
    }
    if (!verifies(signature, signer.get(), data)) {
      throw new Rejection("signature does not verify with key " + key.keyId());
    }
  }

  // A malformed signature fails like a wrong one.
  private static boolean verifies(PGPSignature signature, PGPPublicKey signer, byte[] data) {
    try {
      signature.init(new BcPGPContentVerifierBuilderProvider(), signer);
      signature.update(data);
      return signature.verify();
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }
}
