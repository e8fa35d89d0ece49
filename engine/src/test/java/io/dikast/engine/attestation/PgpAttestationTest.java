package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.Gpg;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgpAttestationTest {

  private static final ImageReference IMAGE =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
  private static final ImageReference OTHER_DIGEST =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:0000000000000000000000000000000000000000000000000000000000000001");
  private static final ImageReference OTHER_REPOSITORY =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment-canary@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
  private static final String DIGEST_TEXT = IMAGE.resourceUri() + "\n";

  private static Gpg gpg;
  private static String qa;
  private static String other;
  private static String withSubkey;
  private static String signingSubkey;
  private static TrustedKey qaKey;
  private static TrustedKey subkeyHolder;

  @BeforeAll
  static void generateKeys() throws Exception {
    gpg = Gpg.start();
    qa = gpg.generateKey("QA <qa_bob@example.com>");
    other = gpg.generateKey("Other authority <other@example.com>", "ed25519", "sign");
    withSubkey = gpg.generateKey("Subkey holder <sub@example.com>", "ed25519", "cert");
    signingSubkey = gpg.addSigningSubkey(withSubkey, "ed25519");
    qaKey = KeyParser.parsePgp(qa, gpg.exportPublicKey(qa));
    subkeyHolder = KeyParser.parsePgp(withSubkey, gpg.exportPublicKey(withSubkey));
  }

  @AfterAll
  static void stopGpg() {
    gpg.close();
  }

  @Test
  void verifiesArticleClearSignedDigestText() {
    byte[] signature = gpg.clearSign(qa, DIGEST_TEXT).getBytes(UTF_8);

    Verification verification =
        verify(IMAGE, new byte[0], signature, Gpg.longKeyId(qa), List.of(qaKey));

    assertThat(verification).isEqualTo(Verification.verifiedBy(qa));
  }

  @Test
  void verifiesClearSignedTextThatGrafeasAlsoStoredAsSerializedPayload() {
    byte[] signature = gpg.clearSign(qa, DIGEST_TEXT).getBytes(UTF_8);
    byte[] storedWithCrlf = (IMAGE.resourceUri() + "  \r\n").getBytes(UTF_8);

    assertThat(verify(IMAGE, storedWithCrlf, signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.verifiedBy(qa));
  }

  @Test
  void verifiesArmoredDetachedSignatureOverAtomicPayload() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    byte[] signature = gpg.detachSignArmored(qa, payload).getBytes(UTF_8);

    assertThat(verify(IMAGE, payload, signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.verifiedBy(qa));
  }

  @Test
  void verifiesBinaryDetachedSignatureOverAtomicPayload() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    byte[] signature = gpg.detachSignBinary(qa, payload);

    assertThat(verify(IMAGE, payload, signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.verifiedBy(qa));
  }

  @Test
  void verifiesCompressedAttachedSignedMessageCarryingThePayload() {
    byte[] signature = gpg.sign(qa, AtomicContainerSignature.payloadFor(IMAGE));

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.verifiedBy(qa));
  }

  @Test
  void verifiesArmoredAttachedSignedMessageCarryingThePayload() {
    byte[] signature = gpg.signArmored(qa, DIGEST_TEXT.getBytes(UTF_8)).getBytes(UTF_8);

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.verifiedBy(qa));
  }

  @Test
  void verifiesTextModeDetachedSignatureOverPayloadStoredWithCrlf() {
    byte[] signature = gpg.detachSignText(qa, DIGEST_TEXT.getBytes(UTF_8));
    byte[] storedWithCrlf = DIGEST_TEXT.replace("\n", "\r\n").getBytes(UTF_8);

    assertThat(verify(IMAGE, storedWithCrlf, signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.verifiedBy(qa));
  }

  @Test
  void verifiesSignatureBySigningSubkeyNamedByItsLongKeyId() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    byte[] signature = gpg.detachSignArmored(signingSubkey + "!", payload).getBytes(UTF_8);

    assertThat(
            verify(IMAGE, payload, signature, Gpg.longKeyId(signingSubkey), List.of(subkeyHolder)))
        .isEqualTo(Verification.verifiedBy(withSubkey));
  }

  @Test
  void deniesSignatureByKeyOfAnotherAuthority() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    byte[] signature = gpg.detachSignArmored(other, payload).getBytes(UTF_8);

    assertThat(verify(IMAGE, payload, signature, other, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified("signature key " + other + " is not a key of this authority"));
  }

  @Test
  void deniesSignatureMadeByAnotherKeyThanThePublicKeyIdNames() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    byte[] signature = gpg.detachSignArmored(other, payload).getBytes(UTF_8);

    assertThat(verify(IMAGE, payload, signature, qa, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified(
                "signature was made by key " + Gpg.longKeyId(other) + ", not by key " + qa));
  }

  @Test
  void deniesClearSignedMessageMadeByAnotherKeyThanThePublicKeyIdNames() {
    byte[] signature = gpg.clearSign(other, DIGEST_TEXT).getBytes(UTF_8);

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified(
                "signature was made by key " + Gpg.longKeyId(other) + ", not by key " + qa));
  }

  @Test
  void deniesRightKeyButPayloadOverAnotherDigest() {
    byte[] payload = AtomicContainerSignature.payloadFor(OTHER_DIGEST);
    byte[] signature = gpg.detachSignBinary(qa, payload);

    assertThat(verify(IMAGE, payload, signature, qa, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified(
                "payload binds " + OTHER_DIGEST.pinned() + " not " + IMAGE.pinned()));
  }

  @Test
  void deniesSameDigestOfAnotherRepository() {
    byte[] signature = gpg.clearSign(qa, OTHER_REPOSITORY.resourceUri()).getBytes(UTF_8);

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified(
                "payload binds " + OTHER_REPOSITORY.pinned() + " not " + IMAGE.pinned()));
  }

  @Test
  void deniesReplayedAttestationOfAnotherImage() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    byte[] signature = gpg.detachSignBinary(qa, payload);

    assertThat(verify(OTHER_DIGEST, payload, signature, qa, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified(
                "payload binds " + IMAGE.pinned() + " not " + OTHER_DIGEST.pinned()));
  }

  @Test
  void deniesPayloadTamperedByOneByte() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    byte[] signature = gpg.detachSignBinary(qa, payload);
    byte[] tampered = payload.clone();
    tampered[tampered.length - 3] ^= 1;

    assertThat(verify(IMAGE, tampered, signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.notVerified("signature does not verify with key " + qa));
  }

  @Test
  void deniesDetachedSignatureOverAnotherSerializedPayload() {
    byte[] signed = AtomicContainerSignature.payloadFor(OTHER_DIGEST);
    byte[] signature = gpg.detachSignArmored(qa, signed).getBytes(UTF_8);

    assertThat(
            verify(
                IMAGE, AtomicContainerSignature.payloadFor(IMAGE), signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.notVerified("signature does not verify with key " + qa));
  }

  @Test
  void deniesTruncatedSignature() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);
    byte[] signature = gpg.detachSignBinary(qa, payload);
    byte[] truncated = Arrays.copyOf(signature, signature.length - 20);

    assertThat(verify(IMAGE, payload, truncated, qa, List.of(qaKey)))
        .isEqualTo(Verification.notVerified("signature is not an OpenPGP signature"));
  }

  @Test
  void deniesGarbageSignatureBytes() {
    byte[] payload = AtomicContainerSignature.payloadFor(IMAGE);

    assertThat(verify(IMAGE, payload, "not a signature".getBytes(UTF_8), qa, List.of(qaKey)))
        .isEqualTo(Verification.notVerified("signature is not an OpenPGP signature"));
  }

  @Test
  void deniesClearSignedMessageWithUnsignedTextBefore() {
    String signed = gpg.clearSign(qa, DIGEST_TEXT);
    byte[] signature = (OTHER_DIGEST.resourceUri() + "\n" + signed).getBytes(UTF_8);

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.notVerified("clear-signed message has unsigned text before it"));
  }

  @Test
  void deniesClearSignedMessageWithUnsignedTextAfter() {
    String signed = gpg.clearSign(qa, DIGEST_TEXT);
    byte[] signature = (signed + OTHER_DIGEST.resourceUri() + "\n").getBytes(UTF_8);

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.notVerified("clear-signed message has unsigned text after it"));
  }

  @Test
  void deniesClearSignedMessageWithForgedHashHeader() {
    String signed = gpg.clearSign(qa, DIGEST_TEXT);
    String hashHeader = hashHeader(signed);
    String forged = hashHeader.equals("Hash: SHA256") ? "Hash: SHA512" : "Hash: SHA256";
    byte[] signature = signed.replace(hashHeader, forged).getBytes(UTF_8);

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified(
                "clear-signed message's Hash header does not name the hash signed"));
  }

  @Test
  void deniesClearSignedMessageWithTextSmuggledIntoItsHeaders() {
    String signed = gpg.clearSign(qa, DIGEST_TEXT);
    String hashHeader = hashHeader(signed);
    byte[] signature =
        signed
            .replace(hashHeader, hashHeader + "\nNote: " + OTHER_DIGEST.resourceUri())
            .getBytes(UTF_8);

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.notVerified("clear-signed message has a header other than Hash"));
  }

  @Test
  void deniesClearSignedMessageWhoseTextWasEdited() {
    String signed = gpg.clearSign(qa, OTHER_DIGEST.resourceUri());
    byte[] signature =
        signed.replace(OTHER_DIGEST.resourceUri(), IMAGE.resourceUri()).getBytes(UTF_8);

    assertThat(verify(IMAGE, new byte[0], signature, qa, List.of(qaKey)))
        .isEqualTo(Verification.notVerified("signature does not verify with key " + qa));
  }

  @Test
  void deniesClearSignedMessageWhoseTextDiffersFromTheSerializedPayload() {
    byte[] signature = gpg.clearSign(qa, DIGEST_TEXT).getBytes(UTF_8);
    byte[] serialized = OTHER_DIGEST.resourceUri().getBytes(UTF_8);

    assertThat(verify(IMAGE, serialized, signature, qa, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified("signed message text differs from the serialized payload"));
  }

  @Test
  void deniesAttachedMessageWhosePayloadDiffersFromTheSerializedPayload() {
    byte[] signature = gpg.sign(qa, AtomicContainerSignature.payloadFor(IMAGE));
    byte[] serialized = AtomicContainerSignature.payloadFor(OTHER_DIGEST);

    assertThat(verify(IMAGE, serialized, signature, qa, List.of(qaKey)))
        .isEqualTo(
            Verification.notVerified("signed message text differs from the serialized payload"));
  }

  private static String hashHeader(String clearSigned) {
    return clearSigned.lines().filter(l -> l.startsWith("Hash: ")).findFirst().orElseThrow();
  }

  private static Verification verify(
      ImageReference image,
      byte[] payload,
      byte[] signature,
      String publicKeyId,
      List<TrustedKey> keys) {
    Attestation attestation =
        new Attestation(
            "projects/image-signing/occurrences/1",
            payload,
            List.of(new AttestationSignature(signature, publicKeyId)));
    return AttestationVerifier.verify(image, attestation, keys);
  }
}
