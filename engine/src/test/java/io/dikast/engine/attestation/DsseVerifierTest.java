package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
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
 * DSSE envelopes whose signatures openssl and gpg made over the pre-authentication encoding of a
 * statement file, the encoding written by bash's printf from the DSSE spec's definition, so neither
 * the signed bytes nor the expectations come from the code under test.
 */
class DsseVerifierTest {

  private static final ImageReference PAYMENT =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:"
              + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
  private static final String IN_TOTO = "application/vnd.in-toto+json";

  @TempDir static Path dir;
  private static OpenSsl openssl;
  private static Gpg gpg;
  private static OpenSsl.Key ec;
  private static OpenSsl.Key rsa;
  private static String qaFingerprint;
  private static List<TrustedKey> keys;
  private static byte[] statement;

  @BeforeAll
  static void makeKeys() throws Exception {
    openssl = OpenSsl.start();
    gpg = Gpg.start();
    ec = openssl.ecKey("P-256");
    rsa = openssl.rsaKey(2048);
    qaFingerprint = gpg.generateKey("QA <qa@example.com>");
    keys =
        List.of(
            KeyParser.parsePkix("ec", ec.publicKeyPem(), "ECDSA_P256_SHA256"),
            KeyParser.parsePkix("rsa", rsa.publicKeyPem(), "RSA_SIGN_PKCS1_2048_SHA256"),
            KeyParser.parsePgp(null, gpg.exportPublicKey(qaFingerprint)));
    statement = resource("statement.json");
  }

  @AfterAll
  static void removeKeys() {
    openssl.close();
    gpg.close();
  }

  @Test
  void theSpecsEncodingIsWhatBashsPrintfWrites() throws Exception {
    assertThat(Pae.encode("http://example.com/HelloWorld", "hello world".getBytes(UTF_8)))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world".getBytes(UTF_8));
    assertThat(Pae.encode(IN_TOTO, statement)).isEqualTo(pae(IN_TOTO, statement));
  }

  @Test
  void envelopesSignedByOpensslAndGpgOverTheStatementVerify() throws Exception {
    byte[] signed = pae(IN_TOTO, statement);

    assertThat(verify(envelope(statement, openssl.sign(ec, "SHA256", signed), "ec")))
        .isEqualTo(Verification.verifiedBy("ec"));
    assertThat(verify(envelope(statement, openssl.sign(rsa, "SHA256", signed), "rsa")))
        .isEqualTo(Verification.verifiedBy("rsa"));
    assertThat(verify(envelope(statement, gpg.detachSignBinary(qaFingerprint, signed), "")))
        .isEqualTo(Verification.verifiedBy(qaFingerprint));
  }

  @Test
  void aSignatureWithoutAKeyIdIsTriedWithEveryKey() throws Exception {
    assertThat(
            verify(envelope(statement, openssl.sign(rsa, "SHA256", pae(IN_TOTO, statement)), "")))
        .isEqualTo(Verification.verifiedBy("rsa"));
  }

  @Test
  void aStatementAboutAnotherDigestOrRepositoryIsRefused() throws Exception {
    byte[] other = resource("other-subjects.json");

    assertThat(
            verify(envelope(other, openssl.sign(ec, "SHA256", pae(IN_TOTO, other)), "ec")).reason())
        .isEqualTo(
            "DSSE statement has no subject gcr.io/hightowerlabs/payment with sha256 digest"
                + " aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887 (it names"
                + " \"gcr.io/hightowerlabs/payment\" and 1 more)");
  }

  @Test
  void aTamperedStatementDoesNotVerify() throws Exception {
    byte[] signature = openssl.sign(ec, "SHA256", pae(IN_TOTO, statement));
    byte[] tampered = new String(statement, UTF_8).replace("PASSED", "FAILED").getBytes(UTF_8);

    assertThat(verify(envelope(tampered, signature, "ec")).reason())
        .isEqualTo("DSSE signature does not verify with key ec of this authority");
  }

  @Test
  void aSignatureOverAnotherPayloadTypeDoesNotPassForAnInTotoStatement() throws Exception {
    byte[] signature = openssl.sign(ec, "SHA256", pae("application/json", statement));

    assertThat(verify(envelope(statement, signature, "ec")).verified()).isFalse();
    assertThat(
            DsseVerifier.verify(
                    PAYMENT,
                    new DsseEnvelope(
                        "application/json",
                        statement,
                        List.of(new AttestationSignature(signature, "ec"))),
                    keys)
                .reason())
        .isEqualTo(
            "DSSE payload type is \"application/json\", not \"application/vnd.in-toto+json\"");
  }

  @Test
  void aStrangersKeyAndAnUnknownKeyIdAreRefused() throws Exception {
    OpenSsl.Key stranger = openssl.ecKey("P-256");
    byte[] signature = openssl.sign(stranger, "SHA256", pae(IN_TOTO, statement));

    assertThat(verify(envelope(statement, signature, "stranger")).reason())
        .isEqualTo("DSSE signature key stranger is not a key of this authority");
    assertThat(verify(envelope(statement, signature, "")).reason())
        .isEqualTo("DSSE signature does not verify with any key of this authority");
  }

  @Test
  void anUnsignedEnvelopeIsRefused() {
    assertThat(verify(new DsseEnvelope(IN_TOTO, statement, List.of())).reason())
        .isEqualTo("DSSE envelope has no signature");
  }

  @Test
  void aPgpSignatureOfTheStatementRatherThanItsEncodingIsRefused() throws Exception {
    assertThat(verify(envelope(statement, gpg.detachSignBinary(qaFingerprint, statement), "")))
        .isEqualTo(
            Verification.notVerified(
                "DSSE signature does not verify with any key of this authority"));
    assertThat(verify(envelope(statement, gpg.sign(qaFingerprint, statement), "")).verified())
        .isFalse();
  }

  @Test
  void aTagIsNeverAttested() throws Exception {
    assertThat(
            DsseVerifier.verify(
                    ImageReference.parse("gcr.io/hightowerlabs/payment:1.0"),
                    envelope(statement, openssl.sign(ec, "SHA256", pae(IN_TOTO, statement)), "ec"),
                    keys)
                .reason())
        .isEqualTo("image gcr.io/hightowerlabs/payment:1.0 is not pinned by a sha256 digest");
  }

  private static Verification verify(DsseEnvelope envelope) {
    return DsseVerifier.verify(PAYMENT, envelope, keys);
  }

  private static DsseEnvelope envelope(byte[] payload, byte[] signature, String keyId) {
    return new DsseEnvelope(IN_TOTO, payload, List.of(new AttestationSignature(signature, keyId)));
  }

  private static byte[] pae(String type, byte[] payload) throws IOException, InterruptedException {
    return BashPae.encode(dir, type, payload);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DsseVerifierTest.class.getResourceAsStream("/dsse/" + name)) {
      return in.readAllBytes();
    }
  }
}
