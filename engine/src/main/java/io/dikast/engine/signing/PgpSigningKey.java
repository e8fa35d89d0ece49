package io.dikast.engine.signing;

import io.dikast.engine.key.KeyException;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.util.encoders.Hex;

/**
 * An OpenPGP secret key, as {@code gpg --armor --export-secret-keys} writes it. Signatures name the
 * primary key's fingerprint, the id Kritis and Dikast authorities declare.
 */
public final class PgpSigningKey implements SigningKey {

  private final PGPPublicKey signer;
  private final PGPPrivateKey privateKey;
  private final TrustedKey trustedKey;
  private final boolean attached;

  private PgpSigningKey(
      PGPPublicKey signer, PGPPrivateKey privateKey, TrustedKey trustedKey, boolean attached) {
    this.signer = signer;
    this.privateKey = privateKey;
    this.trustedKey = trustedKey;
    this.attached = attached;
  }

  /**
   * @param source names the key's origin in messages, e.g. {@code key file /tmp/k.asc}
   * @param keyId a fingerprint or long key id choosing the ring and key; null for the only ring's
   *     signing key
   * @param passphrase null when none was given
   * @param attached an attached signed message (payload inside) instead of a detached signature
   */
  public static PgpSigningKey load(
      byte[] keyFileContent, String source, String keyId, char[] passphrase, boolean attached) {
    PGPSecretKeyRing ring = ring(secretKeyRings(keyFileContent, source), source, keyId);
    PGPSecretKey secretKey = signingKey(ring, source, keyId);
    PGPPrivateKey privateKey = unlock(secretKey, source, passphrase);
    return new PgpSigningKey(
        secretKey.getPublicKey(), privateKey, trustedKey(ring, source), attached);
  }

  @Override
  public TrustedKey trustedKey() {
    return trustedKey;
  }

  @Override
  public byte[] sign(byte[] payload) {
    try {
      PGPSignatureGenerator generator =
          new PGPSignatureGenerator(
              new BcPGPContentSignerBuilder(signer.getAlgorithm(), HashAlgorithmTags.SHA256),
              signer);
      generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, new Date());
      hashed.setIssuerFingerprint(false, signer);
      generator.setHashedSubpackets(hashed.generate());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
        if (attached) {
          writeSignedMessage(generator, payload, armored);
        } else {
          generator.update(payload);
          generator.generate().encode(armored);
        }
      }
      return bytes.toByteArray();
    } catch (PGPException e) {
      throw SigningKeyException.invalid("cannot sign with the PGP key: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // One-pass signature, literal data, signature: what gpg --sign writes, uncompressed.
  private static void writeSignedMessage(
      PGPSignatureGenerator generator, byte[] payload, OutputStream armored)
      throws PGPException, IOException {
    BCPGOutputStream packets = new BCPGOutputStream(armored);
    generator.generateOnePassVersion(false).encode(packets);
    PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
    try (OutputStream data =
        literal.open(packets, PGPLiteralData.BINARY, "", payload.length, new Date())) {
      data.write(payload);
    }
    generator.update(payload);
    generator.generate().encode(packets);
    packets.flush();
  }

  private static PGPSecretKeyRingCollection secretKeyRings(byte[] content, String source) {
    String text = new String(content, StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
      throw SigningKeyException.invalid(
          source
              + " holds a PGP public key; sign with the secret key (gpg --armor"
              + " --export-secret-keys)");
    }
    try {
      return new PGPSecretKeyRingCollection(
          PGPUtil.getDecoderStream(new ByteArrayInputStream(content)),
          new BcKeyFingerprintCalculator());
    } catch (IOException | PGPException | RuntimeException e) {
      throw notASecretKey(source, e);
    }
  }

  private static SigningKeyException notASecretKey(String source, Exception cause) {
    return SigningKeyException.invalid(
        source
            + " holds neither a PGP secret key (gpg --armor --export-secret-keys) nor a PEM"
            + " private key",
        cause);
  }

  private static PGPSecretKeyRing ring(
      PGPSecretKeyRingCollection rings, String source, String keyId) {
    List<PGPSecretKeyRing> all = new ArrayList<>();
    rings.getKeyRings().forEachRemaining(all::add);
    if (all.isEmpty()) {
      throw notASecretKey(source, null);
    }
    if (keyId != null) {
      return all.stream()
          .filter(ring -> find(ring, keyId) != null)
          .findFirst()
          .orElseThrow(
              () -> SigningKeyException.invalid(source + " holds no key with id " + keyId));
    }
    if (all.size() > 1) {
      throw new SigningKeyException(
          SigningKeyException.Problem.SEVERAL_KEYS,
          source + " holds " + all.size() + " PGP keys",
          null);
    }
    return all.get(0);
  }

  private static PGPSecretKey signingKey(PGPSecretKeyRing ring, String source, String keyId) {
    if (keyId != null) {
      return find(ring, keyId);
    }
    PGPSecretKey primary = ring.getSecretKey();
    if (primary.isSigningKey() && mayMakeDataSignatures(primary.getPublicKey())) {
      return primary;
    }
    PGPSecretKey chosen = null;
    for (Iterator<PGPSecretKey> keys = ring.getSecretKeys(); keys.hasNext(); ) {
      PGPSecretKey key = keys.next();
      if (!key.isMasterKey() && key.isSigningKey() && mayMakeDataSignatures(key.getPublicKey())) {
        chosen = key;
      }
    }
    if (chosen == null) {
      throw SigningKeyException.invalid(source + " holds no key that may sign data");
    }
    return chosen;
  }

  // The key flags of the key's self-signatures decide; a primary key without flags may sign.
  private static boolean mayMakeDataSignatures(PGPPublicKey key) {
    int flags = 0;
    boolean flagged = false;
    for (Iterator<PGPSignature> signatures = key.getSignatures(); signatures.hasNext(); ) {
      PGPSignature signature = signatures.next();
      if (signature.getHashedSubPackets() != null
          && signature.getHashedSubPackets().getKeyFlags() != 0) {
        flagged = true;
        flags |= signature.getHashedSubPackets().getKeyFlags();
      }
    }
    return flagged ? (flags & KeyFlags.SIGN_DATA) != 0 : key.isMasterKey();
  }

  private static PGPSecretKey find(PGPSecretKeyRing ring, String keyId) {
    String wanted = normalize(keyId);
    for (Iterator<PGPSecretKey> keys = ring.getSecretKeys(); keys.hasNext(); ) {
      PGPSecretKey key = keys.next();
      String fingerprint = Hex.toHexString(key.getPublicKey().getFingerprint());
      String upper = fingerprint.toUpperCase(Locale.ROOT);
      if (upper.equals(wanted) || upper.endsWith(wanted) && wanted.length() == 16) {
        return key;
      }
    }
    return null;
  }

  private static String normalize(String keyId) {
    String compact = keyId.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    return compact.startsWith("0X") ? compact.substring(2) : compact;
  }

  private static PGPPrivateKey unlock(PGPSecretKey key, String source, char[] passphrase) {
    boolean protectedKey = key.getKeyEncryptionAlgorithm() != SymmetricKeyAlgorithmTags.NULL;
    if (protectedKey && passphrase == null) {
      throw SigningKeyException.passphraseRequired(source);
    }
    PGPPrivateKey privateKey;
    try {
      privateKey =
          key.extractPrivateKey(
              new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                  .build(passphrase == null ? new char[0] : passphrase));
    } catch (PGPException | RuntimeException e) {
      throw SigningKeyException.wrongPassphrase(source, e);
    }
    if (privateKey == null) {
      throw SigningKeyException.invalid(
          source + " holds no secret part for its signing key (a gpg stub)");
    }
    return privateKey;
  }

  private static TrustedKey trustedKey(PGPSecretKeyRing ring, String source) {
    List<PGPPublicKey> publicKeys = new ArrayList<>();
    ring.getPublicKeys().forEachRemaining(publicKeys::add);
    ByteArrayOutputStream armored = new ByteArrayOutputStream();
    try (ArmoredOutputStream out = new ArmoredOutputStream(armored)) {
      new PGPPublicKeyRing(publicKeys).encode(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return KeyParser.parsePgp(null, armored.toString(StandardCharsets.US_ASCII));
    } catch (KeyException e) {
      throw SigningKeyException.invalid(source + ": " + e.getMessage(), e);
    }
  }
}
