package io.dikast.operator.admission;

import com.google.protobuf.ByteString;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.SignatureAlgorithm;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.signing.GeneratedPgpKey;
import io.dikast.engine.signing.PgpSigningKey;
import io.dikast.engine.signing.PkixSigningKey;
import io.dikast.engine.signing.SigningKey;
import io.dikast.operator.webhooktls.Pem;
import io.dikast.verifier.attestation.AttestationFacts;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;

/**
 * The attestation half of the startup self-check: a PGP and a PKIX key made for this process, each
 * signing the atomic payload of one image, verified by the same code admission verifies Grafeas'
 * occurrences with. A signature must verify for its image and must not for another.
 */
final class SelfCheckAttestations {

  private static final String ALGORITHM = "ECDSA_P256_SHA256";

  private final SigningKey pgpSigner;
  private final SigningKey pkixSigner;

  private SelfCheckAttestations(SigningKey pgpSigner, SigningKey pkixSigner) {
    this.pgpSigner = pgpSigner;
    this.pkixSigner = pkixSigner;
  }

  /** P-256 keys: made in milliseconds, unlike the RSA keys authorities often declare. */
  static SelfCheckAttestations generate() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    try {
      GeneratedPgpKey pgp =
          GeneratedPgpKey.of(
              "Dikast self-check", generator.generateKeyPair(), PublicKeyAlgorithmTags.ECDSA);
      KeyPair pkix = generator.generateKeyPair();
      return new SelfCheckAttestations(
          PgpSigningKey.load(ascii(pgp.armoredSecretKey()), "self-check key", null, null, false),
          PkixSigningKey.load(
              ascii(Pem.privateKey(pkix.getPrivate())),
              "self-check key",
              SignatureAlgorithm.fromName(ALGORITHM).orElseThrow(),
              null,
              null));
    } catch (PGPException | IOException e) {
      throw new GeneralSecurityException("cannot make the self-check's PGP key", e);
    }
  }

  List<TrustedKey> keys() {
    return List.of(pgpSigner.trustedKey(), pkixSigner.trustedKey());
  }

  /**
   * Each key's signature over {@code signed}'s payload, checked against {@code image}.
   *
   * @return the facts, PGP first
   */
  List<AttestationFact> verify(ImageReference signed, ImageReference image) {
    return List.of(verify(pgpSigner, signed, image), verify(pkixSigner, signed, image));
  }

  private static AttestationFact verify(
      SigningKey signer, ImageReference signed, ImageReference image) {
    return AttestationFacts.verify(
        List.of(occurrence(signer, signed)), List.of(signer.trustedKey()), image);
  }

  private static Occurrence occurrence(SigningKey signer, ImageReference image) {
    byte[] payload = AtomicContainerSignature.payloadFor(image);
    return Occurrence.newBuilder()
        .setKind(NoteKind.ATTESTATION)
        .setResourceUri(image.resourceUri())
        .setAttestation(
            AttestationOccurrence.newBuilder()
                .setSerializedPayload(ByteString.copyFrom(payload))
                .addSignatures(
                    Signature.newBuilder()
                        .setSignature(ByteString.copyFrom(signer.sign(payload)))
                        .setPublicKeyId(signer.publicKeyId())))
        .build();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
