package io.dikast.cli.testing;

import static org.awaitility.Awaitility.await;

import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Occurrence;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built Grafeas server ({@code grafeas-server/target/quarkus-app/quarkus-run.jar}) as a process
 * on a loopback port, with its embedded store in a temporary directory. Closing it stops the
 * process and deletes the directory.
 */
public final class GrafeasServer implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Process process;
  private final Path dir;
  private final int port;
  private final int tlsPort;
  private final ManagedChannel channel;

  private GrafeasServer(Process process, Path dir, int port, int tlsPort) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.tlsPort = tlsPort;
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** Starts a server; with a token, every API call must present it as a bearer token. */
  public static GrafeasServer start(String tokenOrNull) {
    return start(tokenOrNull, null);
  }

  /** Starts a server that also serves TLS, with the server certificate of {@code tls}. */
  public static GrafeasServer startWithTls(TlsFiles tls) {
    return start(null, tls);
  }

  private static GrafeasServer start(String tokenOrNull, TlsFiles tls) {
    Path jar = Path.of(System.getProperty("dikast.grafeas.server.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the Grafeas server is not built: " + jar + " is missing");
    }
    try {
      Path dir = Files.createTempDirectory("grafeas-it");
      int port = ClosedPort.pick();
      int tlsPort = ClosedPort.pick();
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Dquarkus.http.host=127.0.0.1",
                  "-Dquarkus.http.port=" + port,
                  "-Dquarkus.http.ssl-port=" + tlsPort,
                  "-Ddikast.grafeas.storage.embedded.path=" + dir.resolve("data")));
      if (tokenOrNull != null) {
        Path tokenFile = Files.writeString(dir.resolve("token"), tokenOrNull);
        command.add("-Ddikast.grafeas.auth.token-file=" + tokenFile);
      }
      if (tls != null) {
        command.add("-Dquarkus.tls.key-store.pem.0.cert=" + tls.serverCert());
        command.add("-Dquarkus.tls.key-store.pem.0.key=" + tls.serverKey());
      }
      command.addAll(List.of("-jar", jar.toString()));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("server.log").toFile())
              .start();
      GrafeasServer server = new GrafeasServer(process, dir, port, tlsPort);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plaintext address (h2c), which also answers health checks. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The TLS address, served when the server was started with TLS files. */
  public String tlsAddress() {
    return "127.0.0.1:" + tlsPort;
  }

  public Occurrence occurrence(String name, String tokenOrNull) {
    GrafeasGrpc.GrafeasBlockingStub stub = GrafeasGrpc.newBlockingStub(channel);
    if (tokenOrNull != null) {
      stub = stub.withCallCredentials(new TestBearerToken(tokenOrNull));
    }
    return stub.withDeadlineAfter(10, TimeUnit.SECONDS)
        .getOccurrence(GetOccurrenceRequest.newBuilder().setName(name).build());
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://" + address() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      await()
          .atMost(STARTUP)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("the Grafeas server exited:\n" + log());
                }
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
              });
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("server.log"));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
