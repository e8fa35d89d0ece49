package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.engine.testing.OpenSsl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid PGP and PKIX attestations thousands of times (bit flips, truncation, re-encoding,
 * swapped digests) and checks that none verifies. Seeded: the seed is in every failure message and
 * {@code -Dfuzz.seed} replays it.
 */
class SignatureMutationFuzzTest {

  private static final int MUTATIONS = 12_000;
  private static final String DIGEST =
      "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String OTHER_DIGEST = "1".repeat(64);
  private static final ImageReference IMAGE =
      ImageReference.parse("gcr.io/hightowerlabs/payment@sha256:" + DIGEST);
  private static final byte[] ATOMIC = AtomicContainerSignature.payloadFor(IMAGE);

  private static Gpg gpg;
  private static OpenSsl openssl;
  private static final List<Sample> SAMPLES = new ArrayList<>();

  private record Sample(String name, byte[] payload, byte[] signature, List<TrustedKey> keys) {

    String keyId() {
      return keys.get(0).keyId();
    }

    Verification verify(byte[] payload, byte[] signature) {
      Attestation attestation =
          new Attestation(
              "projects/image-signing/occurrences/fuzz",
              payload,
              List.of(new AttestationSignature(signature, keyId())));
      return AttestationVerifier.verify(IMAGE, attestation, keys);
    }
  }

  private record Mutation(String name, byte[] payload, byte[] signature) {}

  @BeforeAll
  static void signSamples() throws Exception {
    gpg = Gpg.start();
    openssl = OpenSsl.start();
    String rsa = gpg.generateKey("QA <qa_bob@example.com>");
    String ed25519 = gpg.generateKey("Security <security@example.com>", "ed25519", "sign");
    List<TrustedKey> rsaKey = List.of(KeyParser.parsePgp(rsa, gpg.exportPublicKey(rsa)));
    List<TrustedKey> edKey = List.of(KeyParser.parsePgp(ed25519, gpg.exportPublicKey(ed25519)));
    String digestText = IMAGE.resourceUri() + "\n";
    SAMPLES.add(
        new Sample(
            "pgp rsa clear-signed",
            new byte[0],
            gpg.clearSign(rsa, digestText).getBytes(UTF_8),
            rsaKey));
    SAMPLES.add(new Sample("pgp rsa detached", ATOMIC, gpg.detachSignBinary(rsa, ATOMIC), rsaKey));
    SAMPLES.add(
        new Sample("pgp ed25519 detached", ATOMIC, gpg.detachSignBinary(ed25519, ATOMIC), edKey));
    SAMPLES.add(
        new Sample(
            "pgp ed25519 armored detached",
            ATOMIC,
            gpg.detachSignArmored(ed25519, ATOMIC).getBytes(UTF_8),
            edKey));
    OpenSsl.Key p384 = openssl.ecKey("P-384");
    OpenSsl.Key rsa2048 = openssl.rsaKey(2048);
    JcaEcSigner p256 = JcaEcSigner.generate();
    SAMPLES.add(
        new Sample(
            "pkix ecdsa p256",
            ATOMIC,
            p256.sign(ATOMIC),
            List.of(KeyParser.parsePkix("p256", p256.publicKeyPem(), "ECDSA_P256_SHA256"))));
    SAMPLES.add(
        new Sample(
            "pkix ecdsa p384",
            ATOMIC,
            openssl.sign(p384, "SHA384", ATOMIC),
            List.of(KeyParser.parsePkix("p384", p384.publicKeyPem(), "ECDSA_P384_SHA384"))));
    SAMPLES.add(
        new Sample(
            "pkix rsa pkcs1",
            ATOMIC,
            openssl.sign(rsa2048, "SHA256", ATOMIC),
            List.of(
                KeyParser.parsePkix("rsa", rsa2048.publicKeyPem(), "RSA_SIGN_PKCS1_2048_SHA256"))));
    SAMPLES.add(
        new Sample(
            "pkix rsa pss",
            ATOMIC,
            openssl.signPss(rsa2048, "SHA256", ATOMIC),
            List.of(
                KeyParser.parsePkix("rsa-pss", rsa2048.publicKeyPem(), "RSA_PSS_2048_SHA256"))));
  }

  @AfterAll
  static void removeKeys() {
    gpg.close();
    openssl.close();
  }

  @Test
  void everyUnmutatedSampleVerifies() {
    for (Sample sample : SAMPLES) {
      assertThat(sample.verify(sample.payload(), sample.signature()).verified())
          .as(sample.name())
          .isTrue();
    }
  }

  @Test
  void noMutatedSignatureOrPayloadVerifies() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    List<BiFunction<Sample, Random, Mutation>> mutators =
        List.of(
            SignatureMutationFuzzTest::flipSignatureBit,
            SignatureMutationFuzzTest::flipSignedContentBit,
            SignatureMutationFuzzTest::truncateSignature,
            SignatureMutationFuzzTest::truncateSignedContent,
            SignatureMutationFuzzTest::reencodeSignature,
            SignatureMutationFuzzTest::swapDigest,
            SignatureMutationFuzzTest::borrowAnotherSamplesSignature);
    for (int i = 0; i < MUTATIONS; i++) {
      Sample sample = SAMPLES.get(random.nextInt(SAMPLES.size()));
      Mutation mutation = mutators.get(random.nextInt(mutators.size())).apply(sample, random);
      Verification verification = sample.verify(mutation.payload(), mutation.signature());
      assertThat(verification.verified())
          .as(
              "seed %d, mutation %d (%s of %s) verified: %s",
              seed, i, mutation.name(), sample.name(), verification)
          .isFalse();
    }
  }

  private static Mutation flipSignatureBit(Sample sample, Random random) {
    byte[] signature = sample.signature().clone();
    flipBitInCryptographicPart(sample, signature, random);
    return new Mutation("signature bit flip", sample.payload(), signature);
  }

  private static Mutation flipSignedContentBit(Sample sample, Random random) {
    if (signedContentIsInsideSignature(sample)) {
      byte[] signature = sample.signature().clone();
      int at = signedTextOffset(signature) + random.nextInt(IMAGE.resourceUri().length());
      signature[at] ^= (byte) (1 << random.nextInt(8));
      return new Mutation("signed text bit flip", sample.payload(), signature);
    }
    if (sample.payload().length == 0) {
      return flipSignatureBit(sample, random);
    }
    byte[] payload = sample.payload().clone();
    payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
    return new Mutation("payload bit flip", payload, sample.signature());
  }

  /**
   * Cuts inside the signature values: cutting an armor's checksum or end line leaves them whole.
   */
  private static Mutation truncateSignature(Sample sample, Random random) {
    int end = sample.signature().length;
    if (isArmored(sample.signature())) {
      end = new String(sample.signature(), UTF_8).lastIndexOf("\n=") - 4;
    }
    byte[] signature = Arrays.copyOf(sample.signature(), random.nextInt(end));
    return new Mutation("signature truncation", sample.payload(), signature);
  }

  private static Mutation truncateSignedContent(Sample sample, Random random) {
    if (sample.payload().length == 0) {
      return truncateSignature(sample, random);
    }
    byte[] payload = Arrays.copyOf(sample.payload(), random.nextInt(sample.payload().length));
    return new Mutation("payload truncation", payload, sample.signature());
  }

  /**
   * Bouncy Castle's decoder reads bare base64 as the OpenPGP packets it encodes, so one base64
   * layer over a PGP signature is the same signature, not a mutation; two layers are.
   */
  private static Mutation reencodeSignature(Sample sample, Random random) {
    byte[] base64 = Base64.getEncoder().encode(sample.signature());
    byte[] signature =
        random.nextBoolean()
            ? (sample.name().startsWith("pkix") ? base64 : Base64.getEncoder().encode(base64))
            : HexFormat.of().formatHex(sample.signature()).getBytes(UTF_8);
    return new Mutation("signature re-encoding", sample.payload(), signature);
  }

  private static Mutation swapDigest(Sample sample, Random random) {
    if (sample.payload().length == 0) {
      return new Mutation(
          "swapped digest in signed text", sample.payload(), replaceDigest(sample.signature()));
    }
    return new Mutation(
        "swapped digest in payload", replaceDigest(sample.payload()), sample.signature());
  }

  private static Mutation borrowAnotherSamplesSignature(Sample sample, Random random) {
    Sample other = SAMPLES.get(random.nextInt(SAMPLES.size()));
    if (other.keyId().equals(sample.keyId())) {
      return swapDigest(sample, random);
    }
    return new Mutation("signature of " + other.name(), sample.payload(), other.signature());
  }

  /**
   * Armor text outside the base64 body (headers, checksum) and OpenPGP's unhashed subpackets are
   * not signed, so a flip there may rightly still verify; flips go into the signature values
   * instead.
   */
  private static void flipBitInCryptographicPart(Sample sample, byte[] signature, Random random) {
    int length = signature.length;
    int from;
    if (sample.name().startsWith("pkix")) {
      from = 0;
    } else if (isArmored(signature)) {
      byte[] source = signature;
      int end = new String(source, UTF_8).lastIndexOf("\n=");
      from = Math.max(0, end - 40);
      length = end - 8;
      int at = from + random.nextInt(length - from);
      while (!isBase64Letter(signature[at])) {
        at = from + random.nextInt(length - from);
      }
      signature[at] = otherBase64Letter(signature[at], random);
      return;
    } else {
      // Inside the last MPI's value. An Ed25519 S with a leading zero byte is 31 bytes long, and
      // then the last 32 bytes begin with its bit count, where 248 flipped to 249 changes nothing
      // a verifier reads (seed 63423809962879 found it: a flip that "verified" and forged nothing).
      from = length - 30;
    }
    signature[from + random.nextInt(length - from)] ^= (byte) (1 << random.nextInt(8));
  }

  private static boolean isArmored(byte[] signature) {
    return new String(signature, UTF_8).startsWith("-----BEGIN PGP");
  }

  private static boolean isBase64Letter(byte b) {
    return Character.isLetterOrDigit(b);
  }

  private static byte otherBase64Letter(byte current, Random random) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
    return replacement == current
        ? (byte) alphabet.charAt((alphabet.indexOf(replacement) + 1) % alphabet.length())
        : (byte) replacement;
  }

  private static boolean signedContentIsInsideSignature(Sample sample) {
    return sample.payload().length == 0 && isArmored(sample.signature());
  }

  private static int signedTextOffset(byte[] clearSigned) {
    return new String(clearSigned, UTF_8).indexOf(IMAGE.resourceUri());
  }

  private static byte[] replaceDigest(byte[] bytes) {
    return new String(bytes, UTF_8).replace(DIGEST, OTHER_DIGEST).getBytes(UTF_8);
  }
}
