package io.dikast.operator.webhooktls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The PEM files the HTTPS server reads and reloads. Each file is replaced by an atomic rename, so a
 * reload never reads half a file.
 */
final class PemFiles {

  private final Path directory;

  PemFiles(Path directory) {
    this.directory = directory;
  }

  /** Writes the files that differ from {@code material}; returns whether any changed. */
  boolean write(TlsMaterial material) {
    try {
      Files.createDirectories(directory);
      // The key first: a reload between the two renames then pairs the old certificate with a key
      // it cannot use and fails, keeping the previous pair, rather than serving a mismatched one.
      boolean changed = replace(TlsMaterial.KEY, material.keyPem());
      changed |= replace(TlsMaterial.CERTIFICATE, material.certificatePem());
      changed |= replace(TlsMaterial.CA_BUNDLE, material.caBundlePem());
      return changed;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the webhook certificate to " + directory, e);
    }
  }

  private boolean replace(String name, String content) throws IOException {
    Path target = directory.resolve(name);
    if (Files.exists(target)
        && Files.readString(target, StandardCharsets.US_ASCII).equals(content)) {
      return false;
    }
    Path staged = Files.createTempFile(directory, "." + name, ".tmp");
    try {
      if (staged.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(staged, content, StandardCharsets.US_ASCII);
      Files.move(
          staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(staged);
    }
    return true;
  }
}
