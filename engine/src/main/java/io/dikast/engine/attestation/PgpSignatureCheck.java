package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dikast.engine.key.PgpTrustedKey;
import java.util.Arrays;

/**
 * Verifies a PGP signature the way the article and Kritis signers produce them, and returns the
 * payload the signature covers: the text inside a clear-signed or attached message, or the
 * occurrence's serialized payload for a detached signature.
 */
final class PgpSignatureCheck {

  private PgpSignatureCheck() {}

  static byte[] signedPayload(PgpTrustedKey key, byte[] signature, byte[] serializedPayload)
      throws Rejection {
    String text = new String(signature, UTF_8);
    if (ClearSignedMessage.looksClearSigned(text)) {
      return clearSigned(key, ClearSignedMessage.parse(text), serializedPayload);
    }
    PgpPackets packets = PgpPackets.read(signature);
    if (packets.literalData().isEmpty()) {
      PgpSignatures.requireOne(key, packets.signatures(), serializedPayload, h -> true);
      return serializedPayload;
    }
    byte[] inner = packets.literalData().get();
    PgpSignatures.requireOne(key, packets.signatures(), inner, h -> true);
    requireSameAsSerialized(inner, serializedPayload);
    return inner;
  }

  private static byte[] clearSigned(
      PgpTrustedKey key, ClearSignedMessage message, byte[] serializedPayload) throws Rejection {
    PgpPackets packets = PgpPackets.read(message.armoredSignature().getBytes(UTF_8));
    if (packets.literalData().isPresent()) {
      throw new Rejection("clear-signed message carries a signed message instead of a signature");
    }
    byte[] canonical = message.text("\r\n").getBytes(UTF_8);
    PgpSignatures.requireOne(key, packets.signatures(), canonical, message::declares);
    byte[] inner = message.text("\n").getBytes(UTF_8);
    requireSameAsSerialized(inner, serializedPayload);
    return inner;
  }

  // Grafeas stores a clear-signed upload's text as serialized_payload too; both must agree.
  private static void requireSameAsSerialized(byte[] inner, byte[] serializedPayload)
      throws Rejection {
    if (serializedPayload.length > 0
        && !Arrays.equals(normalized(inner), normalized(serializedPayload))) {
      throw new Rejection("signed message text differs from the serialized payload");
    }
  }

  private static byte[] normalized(byte[] text) {
    return new String(text, UTF_8)
        .replace("\r\n", "\n")
        .lines()
        .map(String::stripTrailing)
        .reduce((a, b) -> a + "\n" + b)
        .orElse("")
        .stripTrailing()
        .getBytes(UTF_8);
  }
}
