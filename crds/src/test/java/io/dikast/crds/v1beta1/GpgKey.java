package io.dikast.crds.v1beta1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A public key made by the real {@code gpg} in a throwaway home directory. */
record GpgKey(String fingerprint, String armored) {

  static GpgKey generate(Path home, String uid) throws IOException, InterruptedException {
    try {
      gpg(home, "--quick-generate-key", uid, "ed25519", "sign", "never");
      String colons = gpg(home, "--with-colons", "--list-keys", uid);
      String fingerprint =
          colons
              .lines()
              .filter(line -> line.startsWith("fpr:"))
              .findFirst()
              .map(line -> line.split(":")[9])
              .orElseThrow();
      return new GpgKey(fingerprint, gpg(home, "--armor", "--export", fingerprint));
    } finally {
      run(home, List.of("gpgconf", "--kill", "gpg-agent"));
    }
  }

  private static String gpg(Path home, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "gpg", "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase", ""));
    command.addAll(List.of(args));
    return run(home, command);
  }

  private static String run(Path home, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("GNUPGHOME", home.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command + " timed out");
    }
    if (process.exitValue() != 0) {
      throw new IOException(command + " failed: " + output);
    }
    return output;
  }
}
