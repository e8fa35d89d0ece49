package io.dikast.engine.attestation;

import java.io.IOException;
import java.io.InputStream;

/** Size limits that keep one hostile occurrence from costing the webhook its time budget. */
final class Bounds {

  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_SIGNATURES = 16;

  private Bounds() {}

  static byte[] readPayload(InputStream in) throws IOException, Rejection {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new Rejection("signed message payload is larger than 64 KiB");
    }
    return bytes;
  }
}
