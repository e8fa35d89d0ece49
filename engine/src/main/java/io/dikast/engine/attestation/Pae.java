package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/**
 * DSSE's pre-authentication encoding, what an envelope's signatures sign: {@code "DSSEv1" SP
 * LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII decimal byte counts. Signing the type
 * with the body keeps a signature over one kind of payload from passing for another.
 */
public final class Pae {

  private Pae() {}

  public static byte[] encode(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(UTF_8));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(UTF_8));
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
