package io.dikast.grafeas.testing;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Grafeas server as it ships, {@code java -jar quarkus-run.jar}, on free loopback ports with a
 * fresh embedded store; REST and gRPC share the plaintext port. Other modules' tests get it from
 * this module's test-jar. Closing it stops the process and deletes the store.
 */
public final class GrafeasServerProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Options options;
  private final Path directory;
  private final int port;
  private final int tlsPort;
  private Process process;

  private GrafeasServerProcess(Options options, Path directory, int port, int tlsPort) {
    this.options = options;
    this.directory = directory;
    this.port = port;
    this.tlsPort = tlsPort;
  }

  /** What to start: the built jar, and optionally where, a bearer token and TLS files. */
  public static Options of(Path jar) {
    return new Options(jar);
  }

  /** The jar the reactor built, as seen from a sibling module's directory. */
  public static Options built() {
    return of(Path.of("..", "grafeas-server", "target", "quarkus-app", "quarkus-run.jar"));
  }

  /** The options of one server; {@link #start()} runs it. */
  public static final class Options {

    private final Path jar;
    private Path workDir;
    private String token;
    private Path tlsCertificate;
    private Path tlsKey;
    private Path store;
    private long fileSizeLimitKiB;

    private Options(Path jar) {
      this.jar = jar;
    }

    /** Keeps the server's directory, with its log, under {@code workDir}; the store is deleted. */
    public Options in(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /** Every API call must present {@code token} as a bearer token. */
    public Options token(String token) {
      this.token = token;
      return this;
    }

    /** Also serves TLS on {@link #tlsAddress()} with this PEM certificate and key. */
    public Options tls(Path certificate, Path key) {
      this.tlsCertificate = certificate;
      this.tlsKey = key;
      return this;
    }

    /**
     * Keeps the embedded store in {@code store}, which closing leaves in place, so a later server
     * can open it again.
     */
    public Options store(Path store) {
      this.store = store;
      return this;
    }

    /**
     * Runs the server under {@code ulimit -f}: a write that would grow any file past {@code kib}
     * KiB fails with EFBIG (the JVM ignores SIGXFSZ), a full disk without mounting one.
     */
    public Options fileSizeLimitKiB(long kib) {
      this.fileSizeLimitKiB = kib;
      return this;
    }

    public GrafeasServerProcess start() {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar.toAbsolutePath() + " is missing: build the grafeas-server module first");
      }
      try {
        Path directory =
            workDir == null
                ? Files.createTempDirectory("grafeas-server-")
                : Files.createTempDirectory(Files.createDirectories(workDir), "grafeas-server-");
        GrafeasServerProcess server =
            new GrafeasServerProcess(this, directory, freePort(), freePort());
        server.launch();
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code host:port} of the plaintext gRPC and REST port. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The base URL of the REST API, such as {@code http://127.0.0.1:1234}. */
  public String restUrl() {
    return "http://" + address();
  }

  /** {@code host:port} of the TLS port, served when TLS files were given. */
  public String tlsAddress() {
    return "127.0.0.1:" + tlsPort;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  private void launch() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.ssl-port=" + tlsPort,
                "-Ddikast.grafeas.storage.embedded.path=" + store()));
    if (options.token != null) {
      Path tokenFile = Files.writeString(directory.resolve("token"), options.token);
      command.add("-Ddikast.grafeas.auth.token-file=" + tokenFile);
    }
    if (options.tlsCertificate != null) {
      command.add("-Dquarkus.tls.key-store.pem.0.cert=" + options.tlsCertificate);
      command.add("-Dquarkus.tls.key-store.pem.0.key=" + options.tlsKey);
    }
    command.addAll(List.of("-jar", options.jar.toAbsolutePath().toString()));
    if (options.fileSizeLimitKiB > 0) {
      // ulimit -f counts 1024-byte blocks in bash.
      command.addAll(
          0,
          List.of("bash", "-c", "ulimit -f " + options.fileSizeLimitKiB + " && exec \"$@\"", "--"));
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    awaitReady();
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(restUrl() + "/q/health/ready"))
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
                  throw new IllegalStateException(
                      "the Grafeas server exited:\n" + Files.readString(log()));
                }
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
              });
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private Path store() {
    return options.store != null ? options.store : directory.resolve("data");
  }

  private Path log() {
    return directory.resolve("server.log");
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Without a work directory the log goes too; with one, only the store; a store given with {@link
   * Options#store} is outside both and stays.
   */
  @Override
  public void close() {
    stop();
    Path deleted = options.workDir == null ? directory : directory.resolve("data");
    if (!Files.exists(deleted)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(deleted)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
