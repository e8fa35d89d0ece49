package io.dikast.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Grafeas server as it ships, {@code java -jar quarkus-run.jar}, on a free loopback port with a
 * fresh embedded store that closing deletes; REST and gRPC share the port.
 */
final class GrafeasServerProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Process process;
  private final Path store;
  private final int port;

  private GrafeasServerProcess(Process process, Path store, int port) {
    this.process = process;
    this.store = store;
    this.port = port;
  }

  static GrafeasServerProcess start(Path jar, Path workDir) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the grafeas-server module first");
    }
    int port = WebhookEndpoint.freePort();
    try {
      Files.createDirectories(workDir);
      Path store = Files.createTempDirectory(workDir, "grafeas-store-");
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-Xmx256m",
                      "-jar",
                      jar.toString()))
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("grafeas-" + port + ".log").toFile());
      builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
      builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
      builder.environment().put("DIKAST_GRAFEAS_STORAGE_EMBEDDED_PATH", store.toString());
      Process process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      GrafeasServerProcess server = new GrafeasServerProcess(process, store, port);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port} for a gRPC client such as the operator. */
  String address() {
    return "127.0.0.1:" + port;
  }

  /** The base URL of the REST API, such as {@code http://127.0.0.1:1234}. */
  String restUrl() {
    return "http://" + address();
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(restUrl() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      await()
          .atMost(STARTUP)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .failFast("the Grafeas server exited", () -> !process.isAlive())
          .until(
              () -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(store)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
