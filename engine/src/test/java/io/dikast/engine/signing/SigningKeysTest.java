package io.dikast.engine.signing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.KeyType;
import io.dikast.engine.key.SignatureAlgorithm;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys made by real gpg and openssl sign payloads that the engine's verifier accepts. */
class SigningKeysTest {

  private static final ImageReference IMAGE =
      ImageReference.parse("gcr.io/hightowerlabs/payment@sha256:" + "a".repeat(64));

  private static Gpg gpg;
  private static OpenSsl openssl;

  @BeforeAll
  static void startTools() {
    gpg = Gpg.start();
    openssl = OpenSsl.start();
  }

  @AfterAll
  static void stopTools() {
    gpg.close();
    openssl.close();
  }

  @Test
  void aPgpSecretKeyExportedByGpgSignsWhatItsPublicKeyVerifies() throws Exception {
    String fingerprint = gpg.generateKey("QA <qa@example.com>");
    byte[] secret = gpg.exportSecretKey(fingerprint).getBytes(US_ASCII);

    SigningKey key = SigningKeys.load(secret, "Secret payments/qa", null, null, null, null, false);

    assertThat(key.publicKeyId()).isEqualTo(fingerprint);
    assertThat(verify(key, KeyParser.parsePgp(null, gpg.exportPublicKey(fingerprint))))
        .isEqualTo(Verification.verifiedBy(fingerprint));
  }

  @Test
  void aPkcs8KeyMadeByOpensslSignsWhatItsPublicKeyVerifies() throws Exception {
    OpenSsl.Key ec = openssl.ecKey("P-256");
    byte[] pem = Files.readAllBytes(ec.privateKey());

    SigningKey key =
        SigningKeys.load(
            pem,
            "Secret payments/qa",
            null,
            SignatureAlgorithm.ECDSA_P256_SHA256,
            null,
            null,
            false);

    TrustedKey authorityKey = KeyParser.parsePkix(null, ec.publicKeyPem(), "ECDSA_P256_SHA256");
    assertThat(SigningKeys.detect(pem)).isEqualTo(KeyType.PKIX);
    assertThat(verify(key, authorityKey)).isEqualTo(Verification.verifiedBy(authorityKey.keyId()));
  }

  @Test
  void namesTheSourceWhenAPublicKeyIsGivenToSignWith() {
    OpenSsl.Key ec = openssl.ecKey("P-256");

    assertThatThrownBy(
            () ->
                SigningKeys.load(
                    ec.publicKeyPem().getBytes(US_ASCII),
                    "Secret payments/qa",
                    null,
                    SignatureAlgorithm.ECDSA_P256_SHA256,
                    null,
                    null,
                    false))
        .isInstanceOfSatisfying(
            SigningKeyException.class,
            e -> assertThat(e.problem()).isEqualTo(SigningKeyException.Problem.INVALID))
        .hasMessage("Secret payments/qa holds a public key; sign with the private key");
  }

  private static Verification verify(SigningKey key, TrustedKey authorityKey) {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    return AttestationVerifier.verify(
        IMAGE,
        new Attestation(
            null, payload, List.of(new AttestationSignature(key.sign(payload), key.publicKeyId()))),
        List.of(authorityKey));
  }
}
