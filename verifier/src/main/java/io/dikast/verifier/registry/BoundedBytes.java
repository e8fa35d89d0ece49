package io.dikast.verifier.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Collects a blob and fails as soon as it outgrows the size its descriptor declared. */
final class BoundedBytes extends OutputStream {

  /** More bytes arrived than the descriptor declared. */
  static final class TooLargeException extends IOException {
    TooLargeException(long limit) {
      super("the blob holds more than the declared " + limit + " bytes");
    }
  }

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final long limit;

  BoundedBytes(long limit) {
    this.limit = limit;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (bytes.size() + (long) len > limit) {
      throw new TooLargeException(limit);
    }
    bytes.write(b, off, len);
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
