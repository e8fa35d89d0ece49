package io.dikast.grafeas.security;

import io.dikast.grafeas.testing.Certificates;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** TLS with required client certificates, a bearer token and a 64 KiB request limit. */
public class SecuredServerProfile implements QuarkusTestProfile {

  static final String TOKEN = "s3cret-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
  static final int LIMIT = 64 * 1024;

  /**
   * The profile and the test may be loaded by different class loaders, so they meet in a directory
   * whose name a system property carries, made once per JVM.
   */
  static synchronized Path directory() {
    String existing = System.getProperty("dikast.test.secured-server.dir");
    if (existing != null) {
      return Path.of(existing);
    }
    try {
      Path directory = Files.createTempDirectory("dikast-secured-server");
      Certificates.generate(directory);
      Files.writeString(directory.resolve("token"), TOKEN + "\n");
      System.setProperty("dikast.test.secured-server.dir", directory.toString());
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String token() {
    try {
      return Files.readString(directory().resolve("token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    Path directory = directory();
    return Map.of(
        "dikast.grafeas.tls.cert-file", directory.resolve("server.crt").toString(),
        "dikast.grafeas.tls.key-file", directory.resolve("server.key").toString(),
        "dikast.grafeas.tls.client-ca-file", directory.resolve("ca.crt").toString(),
        "dikast.grafeas.auth.token-file", directory.resolve("token").toString(),
        "dikast.grafeas.limits.max-request-bytes", String.valueOf(LIMIT));
  }
}
