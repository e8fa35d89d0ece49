package io.dikast.engine.key;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * The keys of a ring that may make data signatures. Only certifications the primary key really made
 * count, so a subkey spliced into the ring without a binding signature never verifies.
 */
final class PgpSigningKeys {

  private static final Set<Integer> SIGNING_ALGORITHMS =
      Set.of(
          PublicKeyAlgorithmTags.RSA_GENERAL,
          PublicKeyAlgorithmTags.RSA_SIGN,
          PublicKeyAlgorithmTags.DSA,
          PublicKeyAlgorithmTags.ECDSA,
          PublicKeyAlgorithmTags.EDDSA_LEGACY,
          PublicKeyAlgorithmTags.Ed25519,
          PublicKeyAlgorithmTags.Ed448);

  private static final Set<Integer> USER_ID_CERTIFICATIONS =
      Set.of(
          PGPSignature.DEFAULT_CERTIFICATION,
          PGPSignature.NO_CERTIFICATION,
          PGPSignature.CASUAL_CERTIFICATION,
          PGPSignature.POSITIVE_CERTIFICATION);

  private PgpSigningKeys() {}

  static List<PGPPublicKey> of(PGPPublicKeyRing ring) {
    PGPPublicKey primary = ring.getPublicKey();
    List<PGPPublicKey> keys = new ArrayList<>();
    if (canSign(primary) && allowsSigning(selfSignatures(primary))) {
      keys.add(primary);
    }
    for (PGPPublicKey subkey : ring) {
      if (!subkey.isMasterKey()
          && canSign(subkey)
          && !subkey.hasRevocation()
          && boundForSigning(primary, subkey)) {
        keys.add(subkey);
      }
    }
    return keys;
  }

  private static boolean canSign(PGPPublicKey key) {
    return SIGNING_ALGORITHMS.contains(key.getAlgorithm());
  }

  // The newest self-signature with key flags decides; a key without any flags may sign (RFC 4880).
  private static boolean allowsSigning(List<PGPSignature> selfSignatures) {
    Optional<PGPSignature> newestWithFlags =
        selfSignatures.stream()
            .filter(s -> s.getHashedSubPackets() != null)
            .filter(s -> s.getHashedSubPackets().getKeyFlags() != 0)
            .max(Comparator.comparing(PGPSignature::getCreationTime));
    return newestWithFlags
        .map(s -> (s.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) != 0)
        .orElse(true);
  }

  private static boolean boundForSigning(PGPPublicKey primary, PGPPublicKey subkey) {
    List<PGPSignature> bindings = new ArrayList<>();
    for (Iterator<PGPSignature> it = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        it.hasNext(); ) {
      PGPSignature binding = it.next();
      if (issuedBy(binding, primary)
          && verifies(() -> binding.verifyCertification(primary, subkey))) {
        bindings.add(binding);
      }
    }
    return !bindings.isEmpty() && allowsSigningExplicitly(bindings);
  }

  // A subkey signs only when its binding says so; gpg's encryption subkeys carry no sign flag.
  private static boolean allowsSigningExplicitly(List<PGPSignature> bindings) {
    return bindings.stream()
        .filter(s -> s.getHashedSubPackets() != null)
        .max(Comparator.comparing(PGPSignature::getCreationTime))
        .map(s -> (s.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) != 0)
        .orElse(false);
  }

  private static List<PGPSignature> selfSignatures(PGPPublicKey primary) {
    List<PGPSignature> result = new ArrayList<>();
    for (Iterator<byte[]> ids = primary.getRawUserIDs(); ids.hasNext(); ) {
      byte[] userId = ids.next();
      for (Iterator<PGPSignature> it = primary.getSignaturesForID(userId); it.hasNext(); ) {
        PGPSignature sig = it.next();
        if (USER_ID_CERTIFICATIONS.contains(sig.getSignatureType())
            && issuedBy(sig, primary)
            && verifies(() -> sig.verifyCertification(userId, primary))) {
          result.add(sig);
        }
      }
    }
    for (Iterator<PGPSignature> it = primary.getSignaturesOfType(PGPSignature.DIRECT_KEY);
        it.hasNext(); ) {
      PGPSignature sig = it.next();
      if (issuedBy(sig, primary) && verifies(() -> sig.verifyCertification(primary))) {
        result.add(sig);
      }
    }
    return result;
  }

  private static boolean issuedBy(PGPSignature signature, PGPPublicKey primary) {
    if (signature.getKeyID() != primary.getKeyID()) {
      return false;
    }
    try {
      signature.init(new BcPGPContentVerifierBuilderProvider(), primary);
      return true;
    } catch (PGPException e) {
      return false;
    }
  }

  private static boolean verifies(Check check) {
    try {
      return check.run();
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }

  @FunctionalInterface
  private interface Check {
    boolean run() throws PGPException;
  }
}
