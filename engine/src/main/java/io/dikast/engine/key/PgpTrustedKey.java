package io.dikast.engine.key;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/** An OpenPGP v4 public key ring, identified by its primary key's fingerprint. */
public final class PgpTrustedKey implements TrustedKey {

  private final String fingerprint;
  private final String algorithm;
  private final PGPPublicKeyRing keyRing;
  private final List<PGPPublicKey> signingKeys;

  PgpTrustedKey(
      String fingerprint,
      String algorithm,
      PGPPublicKeyRing keyRing,
      List<PGPPublicKey> signingKeys) {
    this.fingerprint = fingerprint;
    this.algorithm = algorithm;
    this.keyRing = keyRing;
    this.signingKeys = List.copyOf(signingKeys);
  }

  @Override
  public String keyId() {
    return fingerprint;
  }

  @Override
  public KeyType type() {
    return KeyType.PGP;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String algorithm() {
    return algorithm;
  }

  /** The fingerprint, or the long (16-hex) key id of the primary key or of a signing subkey. */
  @Override
  public boolean matchesId(String publicKeyId) {
    if (publicKeyId == null) {
      return false;
    }
    String id = PgpIds.normalize(publicKeyId);
    if (id.equals(fingerprint) || id.equals(PgpIds.longId(keyRing.getPublicKey().getKeyID()))) {
      return true;
    }
    return signingKeys.stream().anyMatch(k -> id.equals(PgpIds.longId(k.getKeyID())));
  }

  /** The whole ring as the authority declared it. */
  public PGPPublicKeyRing keyRing() {
    return keyRing;
  }

  /**
   * The key of this ring with the given 64-bit id when it may make data signatures: the primary key
   * if its self-signatures allow signing, or a subkey bound for signing and not revoked.
   */
  public Optional<PGPPublicKey> signingKey(long keyId) {
    return signingKeys.stream().filter(k -> k.getKeyID() == keyId).findFirst();
  }

  @Override
  public String toString() {
    return "PGP key " + fingerprint + " (" + algorithm.toLowerCase(Locale.ROOT) + ")";
  }
}
