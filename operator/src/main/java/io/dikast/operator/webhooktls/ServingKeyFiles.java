package io.dikast.operator.webhooktls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The PEM certificate and key files the HTTPS server serves from, whoever writes them (this
 * operator's {@link PemFiles}, or the kubelet updating a cert-manager Secret's volume). A new key
 * is read only when the files' content changed, so unchanged files cost two small reads per check
 * and never a reload.
 */
final class ServingKeyFiles {

  private static final Logger LOG = Logger.getLogger(ServingKeyFiles.class);

  private final Path certificate;
  private final Path key;
  private byte[] served;
  private byte[] refused;
  private long generation;

  ServingKeyFiles(Path certificate, Path key) {
    this.certificate = certificate;
    this.key = key;
  }

  /** The key the files hold now; the server cannot start without one, so any problem throws. */
  synchronized ServingKey load() {
    Contents contents = read();
    ServingKey first = contents.key(alias());
    served = contents.digest();
    return first;
  }

  /**
   * A new key when the files' content differs from what is served and forms a usable pair; empty
   * when nothing changed or the change cannot be served yet (such as a key written before its
   * certificate), which the next check looks at again.
   */
  synchronized Optional<ServingKey> changed() {
    Contents contents;
    try {
      contents = read();
    } catch (UncheckedIOException e) {
      LOG.warnf("Cannot read the webhook certificate files, still serving the previous one: %s", e);
      return Optional.empty();
    }
    byte[] digest = contents.digest();
    if (Arrays.equals(digest, served) || Arrays.equals(digest, refused)) {
      return Optional.empty();
    }
    try {
      ServingKey next = contents.key(alias());
      served = digest;
      refused = null;
      return Optional.of(next);
    } catch (IllegalArgumentException e) {
      // Logged once per content: a half-written pair is usually complete by the next check.
      refused = digest;
      LOG.warnf(
          "The webhook certificate files %s and %s changed but cannot be served (%s); still"
              + " serving the previous certificate",
          certificate, key, e.getMessage());
      return Optional.empty();
    }
  }

  private String alias() {
    generation++;
    return "webhook-" + generation;
  }

  private Contents read() {
    try {
      return new Contents(Files.readAllBytes(certificate), Files.readAllBytes(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Contents(byte[] certificate, byte[] key) {

    ServingKey key(String alias) {
      return ServingKey.read(
          alias,
          new String(certificate, StandardCharsets.US_ASCII),
          new String(key, StandardCharsets.US_ASCII));
    }

    byte[] digest() {
      try {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(certificate);
        sha256.update((byte) 0);
        sha256.update(key);
        return sha256.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is unavailable", e);
      }
    }
  }
}
