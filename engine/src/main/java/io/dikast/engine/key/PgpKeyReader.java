package io.dikast.engine.key;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.util.encoders.Hex;

/** Reads one armored OpenPGP public key ring and checks it against its declared key id. */
final class PgpKeyReader {

  private static final Pattern ARMOR_HEADER = Pattern.compile("-----BEGIN PGP ([A-Z ]+)-----");
  private static final String EXPORT_HINT = "export it with gpg --armor --export <fingerprint>";

  private PgpKeyReader() {}

  static PgpTrustedKey read(String declaredKeyId, String armoredOrBase64) throws KeyException {
    PGPPublicKeyRing ring = singleRing(armoredText(armoredOrBase64));
    PGPPublicKey primary = ring.getPublicKey();
    if (primary.getVersion() != 4) {
      throw invalid(
          "the PGP key is version "
              + primary.getVersion()
              + "; only OpenPGP v4 keys, as gpg 2 makes them, are supported");
    }
    String fingerprint = Hex.toHexString(primary.getFingerprint()).toUpperCase(Locale.ROOT);
    requireDeclaredId(declaredKeyId, fingerprint);
    if (primary.hasRevocation()) {
      throw invalid("the PGP key " + fingerprint + " is revoked; trust a key that is still valid");
    }
    List<PGPPublicKey> signingKeys = PgpSigningKeys.of(ring);
    if (signingKeys.isEmpty()) {
      throw invalid(
          "the PGP key "
              + fingerprint
              + " cannot sign: neither its primary key nor any subkey is certified for signing");
    }
    return new PgpTrustedKey(fingerprint, PgpAlgorithms.describe(primary), ring, signingKeys);
  }

  // Kritis stored the armored key base64-encoded in its CRs; both spellings are accepted.
  private static String armoredText(String text) throws KeyException {
    if (text == null || text.isBlank()) {
      throw invalid("the PGP public key is empty; " + EXPORT_HINT);
    }
    if (ARMOR_HEADER.matcher(text).find()) {
      return requireOnePublicKeyBlock(text);
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(text.replaceAll("\\s", "")), UTF_8);
    } catch (IllegalArgumentException e) {
      throw notArmored();
    }
    if (!ARMOR_HEADER.matcher(decoded).find()) {
      throw notArmored();
    }
    return requireOnePublicKeyBlock(decoded);
  }

  private static String requireOnePublicKeyBlock(String armored) throws KeyException {
    Matcher headers = ARMOR_HEADER.matcher(armored);
    int blocks = 0;
    while (headers.find()) {
      blocks++;
      String kind = headers.group(1);
      if (kind.contains("PRIVATE") || kind.contains("SECRET")) {
        throw invalid(
            "this is a PGP private key; never put it in the cluster, " + EXPORT_HINT + " instead");
      }
      if (!kind.equals("PUBLIC KEY BLOCK")) {
        throw invalid("the text is a PGP " + kind.toLowerCase(Locale.ROOT) + ", not a public key");
      }
    }
    if (blocks != 1) {
      throw invalid(
          "the text holds " + blocks + " PGP public key blocks; give exactly one key per entry");
    }
    return armored;
  }

  private static PGPPublicKeyRing singleRing(String armored) throws KeyException {
    PGPPublicKeyRingCollection rings;
    try (InputStream in =
        PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(UTF_8)))) {
      rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
    } catch (IOException | PGPException | RuntimeException e) {
      throw new KeyException(
          KeyProblem.INVALID_KEY,
          "the PGP public key cannot be read (" + e.getMessage() + "); " + EXPORT_HINT,
          e);
    }
    if (rings.size() != 1) {
      throw invalid(
          "the PGP block holds " + rings.size() + " public keys; give exactly one key per entry");
    }
    return rings.getKeyRings().next();
  }

  private static void requireDeclaredId(String declaredKeyId, String fingerprint)
      throws KeyException {
    // Kritis' contract: a blank keyId means "the key's fingerprint".
    if (declaredKeyId == null || declaredKeyId.isBlank()) {
      return;
    }
    if (!PgpIds.normalize(declaredKeyId).equals(fingerprint)) {
      throw new KeyException(
          KeyProblem.KEY_ID_MISMATCH,
          "keyId "
              + declaredKeyId.strip()
              + " is not the key's fingerprint "
              + fingerprint
              + "; set keyId to the fingerprint");
    }
  }

  private static KeyException notArmored() {
    return invalid(
        "the PGP public key is neither ASCII-armored text (-----BEGIN PGP PUBLIC KEY BLOCK-----)"
            + " nor base64 of it; "
            + EXPORT_HINT);
  }

  private static KeyException invalid(String message) {
    return new KeyException(KeyProblem.INVALID_KEY, message);
  }
}
