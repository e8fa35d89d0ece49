package io.dikast.grafeas.store;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The opaque page token: the sequence number of the last row served and a hash of the request that
 * produced it, so a token is only accepted by the list it came from.
 */
record PageToken(long lastSequence, long requestHash) {

  private static final byte VERSION = 1;
  private static final int LENGTH = 1 + Long.BYTES + Long.BYTES;

  static String encode(long lastSequence, long requestHash) {
    ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
    buffer.put(VERSION).putLong(lastSequence).putLong(requestHash);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  /**
   * The sequence to continue after: 0 for an empty token.
   *
   * @throws StatusRuntimeException INVALID_ARGUMENT for a malformed token or one issued for another
   *     request
   */
  static long continueAfter(String token, long requestHash) {
    if (token.isEmpty()) {
      return 0;
    }
    PageToken decoded = decode(token);
    if (decoded.requestHash != requestHash) {
      throw invalid("page_token was issued for another parent or filter");
    }
    return decoded.lastSequence;
  }

  /** Identifies a list request by what it lists and how it filters, not by its page size. */
  static long requestHash(String collection, String scope, String filter) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String request = collection + '\n' + scope + '\n' + filter;
      return ByteBuffer.wrap(digest.digest(request.getBytes(StandardCharsets.UTF_8))).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JRE", e);
    }
  }

  private static PageToken decode(String token) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid("page_token is malformed");
    }
    if (bytes.length != LENGTH || bytes[0] != VERSION) {
      throw invalid("page_token is malformed");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
    return new PageToken(buffer.getLong(), buffer.getLong());
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
