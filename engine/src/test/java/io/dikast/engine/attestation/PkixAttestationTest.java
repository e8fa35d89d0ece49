package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.OpenSsl;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PkixAttestationTest {

  private static final ImageReference IMAGE =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
  private static final byte[] PAYLOAD = AtomicContainerSignature.payloadFor(IMAGE);

  private static OpenSsl openssl;
  private static OpenSsl.Key p256;
  private static OpenSsl.Key p384;
  private static OpenSsl.Key p521;
  private static OpenSsl.Key rsa2048;
  private static OpenSsl.Key rsa3072;

  @BeforeAll
  static void generateKeys() {
    openssl = OpenSsl.start();
    p256 = openssl.ecKey("P-256");
    p384 = openssl.ecKey("P-384");
    p521 = openssl.ecKey("P-521");
    rsa2048 = openssl.rsaKey(2048);
    rsa3072 = openssl.rsaKey(3072);
  }

  @AfterAll
  static void removeKeys() {
    openssl.close();
  }

  static Stream<Arguments> opensslSignatures() {
    return Stream.of(
        Arguments.of("ECDSA_P256_SHA256", "P-256", "SHA256", false),
        Arguments.of("ECDSA_P384_SHA384", "P-384", "SHA384", false),
        Arguments.of("ECDSA_P521_SHA512", "P-521", "SHA512", false),
        Arguments.of("RSA_SIGN_PKCS1_2048_SHA256", "RSA 2048", "SHA256", false),
        Arguments.of("RSA_SIGN_PKCS1_3072_SHA256", "RSA 3072", "SHA256", false),
        Arguments.of("RSA_PSS_2048_SHA256", "RSA 2048", "SHA256", true),
        Arguments.of("RSA_PSS_3072_SHA256", "RSA 3072", "SHA256", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opensslSignatures")
  void verifiesOpensslSignatureOverAtomicPayload(
      String algorithm, String keyName, String digest, boolean pss) throws Exception {
    OpenSsl.Key key = key(keyName);
    TrustedKey trusted = KeyParser.parsePkix(null, key.publicKeyPem(), algorithm);
    byte[] signature =
        pss ? openssl.signPss(key, digest, PAYLOAD) : openssl.sign(key, digest, PAYLOAD);

    assertThat(verify(PAYLOAD, signature, trusted.keyId(), List.of(trusted)))
        .isEqualTo(Verification.verifiedBy(trusted.keyId()));
  }

  @Test
  void verifiesOpensslSignatureOverArticlePlainTextPayload() throws Exception {
    TrustedKey trusted = KeyParser.parsePkix("qa", p256.publicKeyPem(), "ECDSA_P256_SHA256");
    byte[] payload = (IMAGE.resourceUri() + "\n").getBytes(UTF_8);

    assertThat(verify(payload, openssl.sign(p256, "SHA256", payload), "qa", List.of(trusted)))
        .isEqualTo(Verification.verifiedBy("qa"));
  }

  @Test
  void deniesPkcs1SignaturePresentedForPssKey() throws Exception {
    TrustedKey trusted = KeyParser.parsePkix("qa", rsa2048.publicKeyPem(), "RSA_PSS_2048_SHA256");
    byte[] signature = openssl.sign(rsa2048, "SHA256", PAYLOAD);

    assertThat(verify(PAYLOAD, signature, "qa", List.of(trusted)))
        .isEqualTo(Verification.notVerified("signature does not verify with key qa"));
  }

  @Test
  void deniesPssSignaturePresentedForPkcs1Key() throws Exception {
    TrustedKey trusted =
        KeyParser.parsePkix("qa", rsa2048.publicKeyPem(), "RSA_SIGN_PKCS1_2048_SHA256");
    byte[] signature = openssl.signPss(rsa2048, "SHA256", PAYLOAD);

    assertThat(verify(PAYLOAD, signature, "qa", List.of(trusted)))
        .isEqualTo(Verification.notVerified("signature does not verify with key qa"));
  }

  @Test
  void deniesSignatureMadeByAnotherKeyThanThePublicKeyIdNames() throws Exception {
    TrustedKey k1 = KeyParser.parsePkix("k1", p256.publicKeyPem(), "ECDSA_P256_SHA256");
    TrustedKey k2 = KeyParser.parsePkix("k2", p384.publicKeyPem(), "ECDSA_P384_SHA384");
    byte[] signatureByK2 = openssl.sign(p384, "SHA384", PAYLOAD);

    assertThat(verify(PAYLOAD, signatureByK2, "k1", List.of(k1, k2)))
        .isEqualTo(Verification.notVerified("signature does not verify with key k1"));
  }

  @Test
  void deniesSignatureByKeyOfAnotherAuthority() throws Exception {
    TrustedKey qa = KeyParser.parsePkix("qa", p256.publicKeyPem(), "ECDSA_P256_SHA256");
    TrustedKey other = KeyParser.parsePkix(null, p521.publicKeyPem(), "ECDSA_P521_SHA512");
    byte[] signature = openssl.sign(p521, "SHA512", PAYLOAD);

    assertThat(verify(PAYLOAD, signature, other.keyId(), List.of(qa)))
        .isEqualTo(
            Verification.notVerified(
                "signature key " + other.keyId() + " is not a key of this authority"));
  }

  @Test
  void deniesTruncatedSignature() throws Exception {
    TrustedKey trusted = KeyParser.parsePkix("qa", p256.publicKeyPem(), "ECDSA_P256_SHA256");
    byte[] signature = openssl.sign(p256, "SHA256", PAYLOAD);

    assertThat(
            verify(PAYLOAD, Arrays.copyOf(signature, signature.length - 1), "qa", List.of(trusted)))
        .isEqualTo(Verification.notVerified("signature does not verify with key qa"));
  }

  @Test
  void deniesPayloadTamperedByOneByte() throws Exception {
    TrustedKey trusted = KeyParser.parsePkix("qa", rsa3072.publicKeyPem(), "RSA_PSS_3072_SHA256");
    byte[] signature = openssl.signPss(rsa3072, "SHA256", PAYLOAD);
    byte[] tampered = PAYLOAD.clone();
    tampered[20] ^= 1;

    assertThat(verify(tampered, signature, "qa", List.of(trusted)))
        .isEqualTo(Verification.notVerified("signature does not verify with key qa"));
  }

  @Test
  void deniesGarbageSignatureBytes() throws Exception {
    TrustedKey trusted = KeyParser.parsePkix("qa", p256.publicKeyPem(), "ECDSA_P256_SHA256");

    assertThat(verify(PAYLOAD, new byte[] {0x30, 0x02, 0x01, 0x00}, "qa", List.of(trusted)))
        .isEqualTo(Verification.notVerified("signature does not verify with key qa"));
  }

  private static OpenSsl.Key key(String name) {
    return switch (name) {
      case "P-256" -> p256;
      case "P-384" -> p384;
      case "P-521" -> p521;
      case "RSA 2048" -> rsa2048;
      case "RSA 3072" -> rsa3072;
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static Verification verify(
      byte[] payload, byte[] signature, String publicKeyId, List<TrustedKey> keys) {
    Attestation attestation =
        new Attestation(
            "projects/image-signing/occurrences/2",
            payload,
            List.of(new AttestationSignature(signature, publicKeyId)));
    return AttestationVerifier.verify(IMAGE, attestation, keys);
  }
}
