package io.dikast.grafeas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Real gpg in a temporary home with one freshly generated key; closing removes it all. */
public final class Gpg implements AutoCloseable {

  private final Path home;
  private final String uid;

  private Gpg(Path home, String uid) {
    this.home = home;
    this.uid = uid;
  }

  public static Gpg withNewKey(String uid) throws IOException {
    Gpg gpg = new Gpg(Files.createTempDirectory("gnupg"), uid);
    Files.setPosixFilePermissions(
        gpg.home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    gpg.run("--quick-generate-key", uid);
    return gpg;
  }

  public Path home() {
    return home;
  }

  /** The key's fingerprint, which Dikast uses as its key id. */
  public String fingerprint() {
    for (String line : run("--list-keys", "--with-colons", uid).split("\n")) {
      if (line.startsWith("fpr:")) {
        return line.split(":")[9];
      }
    }
    throw new IllegalStateException("no fingerprint for " + uid);
  }

  /** {@code gpg -u uid --armor --clearsign --output=signature.gpg file}, as the article does. */
  public Path clearsign(Path file) {
    Path signature = file.resolveSibling("signature.gpg");
    run("-u", uid, "--armor", "--clearsign", "--output=" + signature, file.toString());
    return signature;
  }

  public boolean verifies(byte[] clearSignedMessage) throws IOException {
    Path file = Files.createTempFile(home, "verify", ".asc");
    Files.write(file, clearSignedMessage);
    return exec(List.of("--verify", file.toString())).exitCode() == 0;
  }

  public String run(String... args) {
    Result result = exec(List.of(args));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "gpg " + String.join(" ", args) + " failed: " + result.output());
    }
    return result.output();
  }

  private Result exec(List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of("gpg", "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", ""));
    command.addAll(args);
    return Processes.run(command, home);
  }

  @Override
  public void close() throws IOException {
    Processes.run(List.of("gpgconf", "--kill", "all"), home);
    try (Stream<Path> files = Files.walk(home)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  record Result(int exitCode, String output) {}

  /** Runs a tool with a bounded wait; GNUPGHOME points at the given home. */
  static final class Processes {

    private Processes() {}

    static Result run(List<String> command, Path gnupgHome) {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("GNUPGHOME", gnupgHome.toString());
      try {
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(command + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
