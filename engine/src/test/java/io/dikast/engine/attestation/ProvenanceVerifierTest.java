package io.dikast.engine.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.BashPae;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance statement files in DSSE envelopes whose signatures openssl and gpg made over the
 * encoding bash wrote: what counts as an authority's signed provenance of one image.
 */
class ProvenanceVerifierTest {

  private static final ImageReference PAYMENT =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:"
              + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
  private static final String IN_TOTO = "application/vnd.in-toto+json";
  private static final SlsaProvenance PAYMENT_BUILD =
      new SlsaProvenance(
          "https://slsa.dev/provenance/v1",
          "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
              + "generator_container_slsa3.yml@refs/tags/v2.0.0",
          List.of("git+https://github.com/acme/payment", "https://github.com/acme/payment"));

  @TempDir static Path dir;
  private static OpenSsl openssl;
  private static Gpg gpg;
  private static OpenSsl.Key ec;
  private static OpenSsl.Key rsa;
  private static String ciFingerprint;
  private static List<TrustedKey> keys;
  private static byte[] statement;

  @BeforeAll
  static void makeKeys() throws Exception {
    openssl = OpenSsl.start();
    gpg = Gpg.start();
    ec = openssl.ecKey("P-256");
    rsa = openssl.rsaKey(2048);
    ciFingerprint = gpg.generateKey("CI <ci@example.com>");
    keys =
        List.of(
            KeyParser.parsePkix("ec", ec.publicKeyPem(), "ECDSA_P256_SHA256"),
            KeyParser.parsePkix("rsa", rsa.publicKeyPem(), "RSA_SIGN_PKCS1_2048_SHA256"),
            KeyParser.parsePgp(null, gpg.exportPublicKey(ciFingerprint)));
    statement = resource("/provenance/payment-v1.json");
  }

  @AfterAll
  static void removeKeys() {
    openssl.close();
    gpg.close();
  }

  @Test
  void provenanceSignedByOpensslAndGpgVerifiesAndSaysWhoBuiltItFromWhat() throws Exception {
    byte[] signed = BashPae.encode(dir, IN_TOTO, statement);

    assertThat(verify(envelope(statement, openssl.sign(ec, "SHA256", signed), "ec")))
        .isEqualTo(new ProvenanceVerification("ec", PAYMENT_BUILD, null));
    assertThat(verify(envelope(statement, openssl.sign(rsa, "SHA256", signed), "")))
        .isEqualTo(new ProvenanceVerification("rsa", PAYMENT_BUILD, null));
    assertThat(verify(envelope(statement, gpg.detachSignBinary(ciFingerprint, signed), "")))
        .isEqualTo(new ProvenanceVerification(ciFingerprint, PAYMENT_BUILD, null));
  }

  @Test
  void provenanceOfAnotherDigestIsRefused() throws Exception {
    byte[] other = resource("/provenance/payment-other-digest.json");

    assertThat(verify(signedByEc(other)).reason())
        .isEqualTo(
            "DSSE statement has no subject gcr.io/hightowerlabs/payment with sha256 digest"
                + " aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887 (it names"
                + " \"gcr.io/hightowerlabs/payment\")");
  }

  @Test
  void anEnvelopeWithoutSignaturesIsRefused() {
    assertThat(verify(new DsseEnvelope(IN_TOTO, statement, List.of())))
        .isEqualTo(new ProvenanceVerification(null, null, "DSSE envelope has no signature"));
  }

  @Test
  void provenanceSignedByAStrangersKeyIsRefused() throws Exception {
    OpenSsl.Key stranger = openssl.ecKey("P-256");
    byte[] signature = openssl.sign(stranger, "SHA256", BashPae.encode(dir, IN_TOTO, statement));

    assertThat(verify(envelope(statement, signature, "")).reason())
        .isEqualTo("DSSE signature does not verify with any key of this authority");
    assertThat(verify(envelope(statement, signature, "stranger")).reason())
        .isEqualTo("DSSE signature key stranger is not a key of this authority");
  }

  @Test
  void aSignedStatementOfAnotherPredicateTypeIsNotProvenance() throws Exception {
    byte[] summary = resource("/dsse/statement.json");

    assertThat(verify(signedByEc(summary)).reason())
        .isEqualTo(
            "DSSE statement is not SLSA provenance (predicateType"
                + " \"https://slsa.dev/verification_summary/v1\")");
  }

  @Test
  void aBuilderChangedAfterSigningDoesNotVerify() throws Exception {
    byte[] signature = openssl.sign(ec, "SHA256", BashPae.encode(dir, IN_TOTO, statement));
    byte[] otherBuilder = resource("/provenance/payment-other-builder.json");

    assertThat(verify(envelope(otherBuilder, signature, "ec")).reason())
        .isEqualTo("DSSE signature does not verify with key ec of this authority");
  }

  private static ProvenanceVerification verify(DsseEnvelope envelope) {
    return ProvenanceVerifier.verify(PAYMENT, envelope, keys);
  }

  private static DsseEnvelope signedByEc(byte[] payload) throws Exception {
    return envelope(
        payload, openssl.sign(ec, "SHA256", BashPae.encode(dir, IN_TOTO, payload)), "ec");
  }

  private static DsseEnvelope envelope(byte[] payload, byte[] signature, String keyId) {
    return new DsseEnvelope(IN_TOTO, payload, List.of(new AttestationSignature(signature, keyId)));
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = ProvenanceVerifierTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
