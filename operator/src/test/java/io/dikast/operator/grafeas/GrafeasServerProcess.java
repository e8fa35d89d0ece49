package io.dikast.operator.grafeas;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Grafeas server module, built by the reactor before this one, run as a process on a free
 * loopback port with a fresh embedded store; REST and gRPC share the port.
 */
public final class GrafeasServerProcess implements AutoCloseable {

  private static final Path JAR =
      Path.of("..", "grafeas-server", "target", "quarkus-app", "quarkus-run.jar");

  private final Process process;
  private final Path directory;
  private final int port;

  private GrafeasServerProcess(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  public static GrafeasServerProcess start() {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: build the grafeas-server module first");
    }
    try {
      Path directory = Files.createTempDirectory("grafeas-server");
      int port = freePort();
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder builder =
          new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("server.log").toFile());
      builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
      builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
      builder
          .environment()
          .put("DIKAST_GRAFEAS_STORAGE_EMBEDDED_PATH", directory.resolve("data").toString());
      GrafeasServerProcess server = new GrafeasServerProcess(builder.start(), directory, port);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port} for the gRPC client. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The base URL of the REST API, such as {@code http://127.0.0.1:1234}. */
  public String restUrl() {
    return "http://" + address();
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(restUrl() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .failFast("the Grafeas server exited", () -> !process.isAlive())
        .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
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
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
