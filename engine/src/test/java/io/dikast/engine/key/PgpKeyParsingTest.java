package io.dikast.engine.key;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.engine.testing.Gpg;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgpKeyParsingTest {

  private static Gpg gpg;
  private static String fingerprint;
  private static String armored;
  private static List<String> subkeys;

  @BeforeAll
  static void generateKey() {
    gpg = Gpg.start();
    fingerprint = gpg.generateKey("QA <qa@example.com>");
    armored = gpg.exportPublicKey(fingerprint);
    subkeys = gpg.fingerprints(fingerprint).subList(1, 2);
  }

  @AfterAll
  static void stopGpg() {
    gpg.close();
  }

  @Test
  void parsesArmoredKeyIdentifiedByItsFingerprint() throws KeyException {
    TrustedKey key = KeyParser.parsePgp(fingerprint, armored);

    assertThat(key.keyId()).isEqualTo(fingerprint).hasSize(40);
    assertThat(key.fingerprint()).isEqualTo(fingerprint);
    assertThat(key.type()).isEqualTo(KeyType.PGP);
    assertThat(key.algorithm()).isEqualTo("RSA 3072");
  }

  @Test
  void parsesBase64OfArmoredKeyAsKritisWroteIt() throws KeyException {
    String base64 = Base64.getEncoder().encodeToString(armored.getBytes(UTF_8));

    assertThat(KeyParser.parsePgp(fingerprint, base64).fingerprint()).isEqualTo(fingerprint);
  }

  @Test
  void acceptsDeclaredFingerprintInLowerCaseWithSpaces() throws KeyException {
    String spaced = fingerprint.toLowerCase(Locale.ROOT).replaceAll("(.{4})", "$1 ");

    assertThat(KeyParser.parsePgp(spaced, armored).keyId()).isEqualTo(fingerprint);
  }

  @Test
  void refusesKeyIdThatIsNotTheFingerprint() {
    String longId = Gpg.longKeyId(fingerprint);

    assertThatThrownBy(() -> KeyParser.parsePgp(longId, armored))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.KEY_ID_MISMATCH))
        .hasMessage(
            "keyId "
                + longId
                + " is not the key's fingerprint "
                + fingerprint
                + "; set keyId to the fingerprint");
  }

  @Test
  void takesTheFingerprintAsKeyIdWhenNoneIsDeclaredAsKritisDoes() throws KeyException {
    assertThat(KeyParser.parsePgp(" ", armored).keyId()).isEqualTo(fingerprint);
    assertThat(KeyParser.parsePgp(null, armored).keyId()).isEqualTo(fingerprint);
  }

  @Test
  void refusesTextThatIsNeitherArmoredNorBase64OfArmored() {
    assertThatThrownBy(() -> KeyParser.parsePgp(fingerprint, "not a key at all"))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessage(
            "the PGP public key is neither ASCII-armored text (-----BEGIN PGP PUBLIC KEY BLOCK-----)"
                + " nor base64 of it; export it with gpg --armor --export <fingerprint>");
  }

  @Test
  void refusesArmorWhoseContentIsCorrupt() {
    String corrupt =
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PUBLIC KEY BLOCK-----\n";

    assertThatThrownBy(() -> KeyParser.parsePgp(fingerprint, corrupt))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessageStartingWith("the PGP ");
  }

  @Test
  void refusesTwoKeysInOneArmoredBlock() {
    String other = gpg.generateKey("Other <other@example.com>", "ed25519", "sign");
    String twoKeys = gpg.exportPublicKeys(fingerprint, other);

    assertThatThrownBy(() -> KeyParser.parsePgp(fingerprint, twoKeys))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessage("the PGP block holds 2 public keys; give exactly one key per entry");
  }

  @Test
  void refusesTwoArmoredKeyBlocks() {
    String other = gpg.generateKey("Second <second@example.com>", "ed25519", "sign");
    String twoBlocks = armored + gpg.exportPublicKey(other);

    assertThatThrownBy(() -> KeyParser.parsePgp(fingerprint, twoBlocks))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessage("the text holds 2 PGP public key blocks; give exactly one key per entry");
  }

  @Test
  void refusesPrivateKey() {
    String secret = gpg.exportSecretKey(fingerprint);

    assertThatThrownBy(() -> KeyParser.parsePgp(fingerprint, secret))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessage(
            "this is a PGP private key; never put it in the cluster, export it with gpg --armor"
                + " --export <fingerprint> instead");
  }

  @Test
  void refusesRevokedKey() {
    String revoked = gpg.generateKey("Revoked <revoked@example.com>", "ed25519", "sign");
    gpg.revoke(revoked);
    String text = gpg.exportPublicKey(revoked);

    assertThatThrownBy(() -> KeyParser.parsePgp(revoked, text))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessage("the PGP key " + revoked + " is revoked; trust a key that is still valid");
  }

  @Test
  void describesEd25519Key() throws KeyException {
    String ed = gpg.generateKey("Ed <ed@example.com>", "ed25519", "sign");

    assertThat(KeyParser.parsePgp(ed, gpg.exportPublicKey(ed)).algorithm())
        .isEqualTo("EdDSA Ed25519");
  }

  @Test
  void matchesFingerprintAndLongKeyIdOfPrimaryWhateverTheCase() throws KeyException {
    TrustedKey key = KeyParser.parsePgp(fingerprint, armored);

    assertThat(key.matchesId(fingerprint)).isTrue();
    assertThat(key.matchesId(fingerprint.toLowerCase(Locale.ROOT))).isTrue();
    assertThat(key.matchesId(Gpg.longKeyId(fingerprint))).isTrue();
    assertThat(key.matchesId(Gpg.longKeyId(fingerprint).toLowerCase(Locale.ROOT))).isTrue();
    assertThat(key.matchesId(fingerprint.substring(32))).isFalse();
    assertThat(key.matchesId("")).isFalse();
    assertThat(key.matchesId(null)).isFalse();
  }

  @Test
  void doesNotMatchLongKeyIdOfEncryptionSubkey() throws KeyException {
    TrustedKey key = KeyParser.parsePgp(fingerprint, armored);

    assertThat(key.matchesId(Gpg.longKeyId(subkeys.get(0)))).isFalse();
  }

  @Test
  void matchesLongKeyIdOfSigningSubkeyButDoesNotSignWithCertifyOnlyPrimary() throws KeyException {
    String primary = gpg.generateKey("Sub <sub@example.com>", "ed25519", "cert");
    String signingSubkey = gpg.addSigningSubkey(primary, "ed25519");

    TrustedKey key = KeyParser.parsePgp(primary, gpg.exportPublicKey(primary));

    assertThat(key.matchesId(Gpg.longKeyId(signingSubkey))).isTrue();
    assertThat(((PgpTrustedKey) key).signingKey(Long.parseUnsignedLong(Gpg.longKeyId(primary), 16)))
        .isEmpty();
  }
}
