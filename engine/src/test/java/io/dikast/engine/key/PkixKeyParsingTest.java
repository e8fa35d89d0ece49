package io.dikast.engine.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.engine.testing.OpenSsl;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PkixKeyParsingTest {

  private static OpenSsl openssl;
  private static Map<String, OpenSsl.Key> keys;

  @BeforeAll
  static void generateKeys() {
    openssl = OpenSsl.start();
    keys =
        Map.of(
            "P-256", openssl.ecKey("P-256"),
            "P-384", openssl.ecKey("P-384"),
            "P-521", openssl.ecKey("P-521"),
            "RSA 2048", openssl.rsaKey(2048),
            "RSA 3072", openssl.rsaKey(3072));
  }

  @AfterAll
  static void removeKeys() {
    openssl.close();
  }

  static Stream<Arguments> keysAndTheirAlgorithms() {
    return Stream.of(
        Arguments.of("P-256", "ECDSA_P256_SHA256"),
        Arguments.of("P-384", "ECDSA_P384_SHA384"),
        Arguments.of("P-521", "ECDSA_P521_SHA512"),
        Arguments.of("RSA 2048", "RSA_PSS_2048_SHA256"),
        Arguments.of("RSA 2048", "RSA_SIGN_PKCS1_2048_SHA256"),
        Arguments.of("RSA 3072", "RSA_PSS_3072_SHA256"),
        Arguments.of("RSA 3072", "RSA_SIGN_PKCS1_3072_SHA256"));
  }

  @ParameterizedTest
  @MethodSource("keysAndTheirAlgorithms")
  void parsesKeyThatFitsItsAlgorithm(String keyName, String algorithm) throws Exception {
    String pem = keys.get(keyName).publicKeyPem();

    TrustedKey key = KeyParser.parsePkix("qa-key", pem, algorithm);

    assertThat(key.type()).isEqualTo(KeyType.PKIX);
    assertThat(key.keyId()).isEqualTo("qa-key");
    assertThat(key.algorithm()).isEqualTo(algorithm);
    assertThat(key.fingerprint()).isEqualTo(HexFormat.of().formatHex(sha256OfDer(pem)));
  }

  @Test
  void defaultsKeyIdToNamedInformationUriOfSha256() throws Exception {
    String pem = keys.get("P-256").publicKeyPem();
    String expected =
        "ni:///sha-256;" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256OfDer(pem));

    assertThat(KeyParser.parsePkix(null, pem, "ECDSA_P256_SHA256").keyId()).isEqualTo(expected);
    assertThat(KeyParser.parsePkix("  ", pem, "ECDSA_P256_SHA256").keyId()).isEqualTo(expected);
  }

  @Test
  void matchesOnlyTheExactKeyId() throws Exception {
    TrustedKey key =
        KeyParser.parsePkix("QA-key", keys.get("P-256").publicKeyPem(), "ECDSA_P256_SHA256");

    assertThat(key.matchesId("QA-key")).isTrue();
    assertThat(key.matchesId("qa-key")).isFalse();
    assertThat(key.matchesId(key.fingerprint())).isFalse();
    assertThat(key.matchesId(null)).isFalse();
  }

  @Test
  void acceptsEcSignAliasOfEcdsaName() throws Exception {
    TrustedKey key =
        KeyParser.parsePkix(null, keys.get("P-384").publicKeyPem(), "EC_SIGN_P384_SHA384");

    assertThat(key.algorithm()).isEqualTo("ECDSA_P384_SHA384");
  }

  @Test
  void refusesKeyOnAnotherCurveThanTheAlgorithmNames() {
    assertThatThrownBy(
            () -> KeyParser.parsePkix(null, keys.get("P-384").publicKeyPem(), "ECDSA_P256_SHA256"))
        .isInstanceOfSatisfying(
            KeyException.class,
            e -> assertThat(e.problem()).isEqualTo(KeyProblem.ALGORITHM_MISMATCH))
        .hasMessage(
            "signatureAlgorithm ECDSA_P256_SHA256 needs an EC key on curve P-256, but the key is EC"
                + " P-384; set the algorithm the key was made for");
  }

  @Test
  void refusesRsaKeyOfAnotherSizeThanTheAlgorithmNames() {
    assertThatThrownBy(
            () ->
                KeyParser.parsePkix(
                    null, keys.get("RSA 2048").publicKeyPem(), "RSA_PSS_3072_SHA256"))
        .isInstanceOfSatisfying(
            KeyException.class,
            e -> assertThat(e.problem()).isEqualTo(KeyProblem.ALGORITHM_MISMATCH))
        .hasMessage(
            "signatureAlgorithm RSA_PSS_3072_SHA256 needs an RSA 3072-bit key, but the key is RSA"
                + " 2048; set the algorithm the key was made for");
  }

  @Test
  void refusesEcKeyForRsaAlgorithm() {
    assertThatThrownBy(
            () ->
                KeyParser.parsePkix(
                    null, keys.get("P-521").publicKeyPem(), "RSA_SIGN_PKCS1_4096_SHA512"))
        .isInstanceOfSatisfying(
            KeyException.class,
            e -> assertThat(e.problem()).isEqualTo(KeyProblem.ALGORITHM_MISMATCH))
        .hasMessage(
            "signatureAlgorithm RSA_SIGN_PKCS1_4096_SHA512 needs an RSA 4096-bit key, but the key is"
                + " EC P-521; set the algorithm the key was made for");
  }

  @Test
  void refusesUnknownAlgorithm() {
    assertThatThrownBy(
            () -> KeyParser.parsePkix(null, keys.get("P-256").publicKeyPem(), "ED25519_SHA512"))
        .isInstanceOfSatisfying(
            KeyException.class,
            e -> assertThat(e.problem()).isEqualTo(KeyProblem.UNSUPPORTED_ALGORITHM))
        .hasMessage(
            "signatureAlgorithm ED25519_SHA512 is not supported; use one of RSA_PSS_2048_SHA256,"
                + " RSA_PSS_3072_SHA256, RSA_PSS_4096_SHA256, RSA_PSS_4096_SHA512,"
                + " RSA_SIGN_PKCS1_2048_SHA256, RSA_SIGN_PKCS1_3072_SHA256,"
                + " RSA_SIGN_PKCS1_4096_SHA256, RSA_SIGN_PKCS1_4096_SHA512, ECDSA_P256_SHA256,"
                + " ECDSA_P384_SHA384, ECDSA_P521_SHA512");
  }

  @Test
  void refusesPrivateKeyPem() throws Exception {
    String privatePem = Files.readString(keys.get("P-256").privateKey());

    assertThatThrownBy(() -> KeyParser.parsePkix(null, privatePem, "ECDSA_P256_SHA256"))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessage(
            "the PEM block is \"PRIVATE KEY\", not \"PUBLIC KEY\"; give a PEM \"PUBLIC KEY\" block,"
                + " as openssl pkey -pubout writes it");
  }

  @Test
  void refusesTextWithoutPemBlock() {
    assertThatThrownBy(() -> KeyParser.parsePkix(null, "garbage", "ECDSA_P256_SHA256"))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessage(
            "the PKIX public key holds no PEM block; give a PEM \"PUBLIC KEY\" block, as openssl"
                + " pkey -pubout writes it");
  }

  @Test
  void refusesPemWhoseContentIsNotAPublicKey() {
    String pem = "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n";

    assertThatThrownBy(() -> KeyParser.parsePkix(null, pem, "ECDSA_P256_SHA256"))
        .isInstanceOfSatisfying(
            KeyException.class, e -> assertThat(e.problem()).isEqualTo(KeyProblem.INVALID_KEY))
        .hasMessage(
            "the PEM block is not a SubjectPublicKeyInfo; give a PEM \"PUBLIC KEY\" block, as"
                + " openssl pkey -pubout writes it");
  }

  private static byte[] sha256OfDer(String pem) throws Exception {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(body));
  }
}
