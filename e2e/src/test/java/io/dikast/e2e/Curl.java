package io.dikast.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real curl, posting a file the way the article does: {@code curl -X POST url -d @file}. */
final class Curl {

  private static final long TIMEOUT_SECONDS = 30;
  private static final String STATUS_MARK = "\nHTTP ";

  private final Path workDir;

  Curl(Path workDir) {
    this.workDir = workDir;
  }

  /** What the server answered. */
  record Response(int status, String body) {}

  /** Writes the body to {@code fileName} in a fresh directory and posts it with {@code -d @}. */
  Response post(String url, String fileName, String body) {
    try {
      Files.createDirectories(workDir);
      Path dir = Files.createTempDirectory(workDir, "curl-");
      try {
        return post(url, dir, fileName, body);
      } finally {
        Files.deleteIfExists(dir.resolve(fileName));
        Files.deleteIfExists(dir.resolve("response"));
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response post(String url, Path dir, String fileName, String body)
      throws IOException {
    try {
      Files.writeString(dir.resolve(fileName), body);
      Path out = dir.resolve("response");
      Process process =
          new ProcessBuilder(
                  List.of(
                      "curl",
                      "-sS",
                      "-w",
                      STATUS_MARK + "%{http_code}",
                      "-X",
                      "POST",
                      url,
                      "-d",
                      "@" + fileName))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("curl " + url + " did not finish");
      }
      String output = Files.readString(out);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("curl " + url + " failed: " + output);
      }
      int mark = output.lastIndexOf(STATUS_MARK);
      return new Response(
          Integer.parseInt(output.substring(mark + STATUS_MARK.length()).trim()),
          output.substring(0, mark));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running curl", e);
    }
  }
}
