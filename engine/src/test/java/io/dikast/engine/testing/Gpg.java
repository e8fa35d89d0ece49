package io.dikast.engine.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real {@code gpg} in a temporary GNUPGHOME, as the article's engineer uses it. Close it to stop
 * its agent and delete the home directory.
 */
public final class Gpg implements AutoCloseable {

  private final Path home;

  private Gpg(Path home) {
    this.home = home;
  }

  public static Gpg start() {
    try {
      return new Gpg(
          Files.createTempDirectory(
              "gpg",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A key made the way the article makes it (gpg's default algorithm); returns its fingerprint. */
  public String generateKey(String userId) {
    return generateKey(userId, "default", "default");
  }

  /** {@code --quick-generate-key userId algo usage}; returns the primary key's fingerprint. */
  public String generateKey(String userId, String algo, String usage) {
    gpg(new byte[0], "--quick-generate-key", userId, algo, usage, "never");
    return fingerprints(userId).get(0);
  }

  /** Adds a signing subkey to the key and returns the subkey's fingerprint. */
  public String addSigningSubkey(String fingerprint, String algo) {
    gpg(new byte[0], "--quick-add-key", fingerprint, algo, "sign", "never");
    List<String> all = fingerprints(fingerprint);
    return all.get(all.size() - 1);
  }

  /** Fingerprints of the primary key and its subkeys, in listing order. */
  public List<String> fingerprints(String keySpec) {
    String listing =
        text(gpg(new byte[0], "--with-colons", "--fingerprint", "--list-keys", keySpec));
    List<String> result = new ArrayList<>();
    for (String line : listing.split("\n")) {
      if (line.startsWith("fpr:")) {
        result.add(line.split(":")[9]);
      }
    }
    return result;
  }

  /** The 16-hex long key id, the last 16 digits of a v4 fingerprint. */
  public static String longKeyId(String fingerprint) {
    return fingerprint.substring(fingerprint.length() - 16);
  }

  public String exportPublicKey(String keySpec) {
    return exportPublicKeys(keySpec);
  }

  /** One armored block holding every named key. */
  public String exportPublicKeys(String... keySpecs) {
    List<String> args = new ArrayList<>(List.of("--armor", "--export"));
    args.addAll(List.of(keySpecs));
    return text(gpg(new byte[0], args.toArray(String[]::new)));
  }

  public String exportSecretKey(String keySpec) {
    return text(gpg(new byte[0], "--armor", "--export-secret-keys", keySpec));
  }

  /** Imports the revocation certificate gpg wrote when it made the key. */
  public void revoke(String fingerprint) {
    try {
      String certificate =
          Files.readString(home.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev"))
              .replace(":-----BEGIN", "-----BEGIN");
      gpg(certificate.getBytes(UTF_8), "--import");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code gpg --clearsign}; the key spec may end in {@code !} to force a subkey. */
  public String clearSign(String keySpec, String text) {
    return text(gpg(text.getBytes(UTF_8), "--local-user", keySpec, "--clearsign"));
  }

  public String detachSignArmored(String keySpec, byte[] data) {
    return text(gpg(data, "--local-user", keySpec, "--armor", "--detach-sign"));
  }

  public byte[] detachSignBinary(String keySpec, byte[] data) {
    return gpg(data, "--local-user", keySpec, "--detach-sign");
  }

  /** {@code gpg --textmode --detach-sign}: a canonical-text signature, line endings as CRLF. */
  public byte[] detachSignText(String keySpec, byte[] data) {
    return gpg(data, "--local-user", keySpec, "--textmode", "--detach-sign");
  }

  /** {@code gpg --armor --sign}: an attached, compressed, armored signed message. */
  public String signArmored(String keySpec, byte[] data) {
    return text(gpg(data, "--local-user", keySpec, "--armor", "--sign"));
  }

  /** {@code gpg --sign}: an attached, compressed, binary signed message. */
  public byte[] sign(String keySpec, byte[] data) {
    return gpg(data, "--local-user", keySpec, "--sign");
  }

  /** Whether {@code gpg --verify} accepts a clear-signed or attached signed message. */
  public boolean verifies(byte[] signedMessage) {
    try {
      gpg(signedMessage, "--verify");
      return true;
    } catch (IllegalStateException refused) {
      return false;
    }
  }

  private byte[] gpg(byte[] stdin, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", ""));
    command.addAll(List.of(args));
    return Command.run(home, Map.of("GNUPGHOME", home.toString()), stdin, command);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  @Override
  public void close() {
    Command.run(
        home,
        Map.of("GNUPGHOME", home.toString()),
        new byte[0],
        List.of("gpgconf", "--kill", "all"));
    Command.deleteRecursively(home);
  }
}
