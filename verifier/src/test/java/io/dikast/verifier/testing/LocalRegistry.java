package io.dikast.verifier.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dikast.engine.testing.OpenSsl;
import java.io.ByteArrayInputStream;
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
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real registry, Debian's {@code docker-registry} (distribution 2.8), on a free loopback port,
 * for the duration of a test: open HTTP, HTTP with an htpasswd user, or TLS with a certificate of a
 * CA generated for it (optionally with an htpasswd user). Close it to stop the process and delete
 * its storage.
 *
 * <p>Content is pushed over the registry API with the JDK's HTTP client, independent of the code
 * under test, so manifests are stored byte for byte as the test wrote them.
 */
public final class LocalRegistry implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Path dir;
  private final Process process;
  private final int port;
  private final boolean tls;
  private final Optional<String> caPem;
  private final Optional<String> basicAuth;
  private final HttpClient http;

  private LocalRegistry(
      Path dir, Process process, int port, Optional<String> caPem, Optional<String> basicAuth) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.tls = caPem.isPresent();
    this.caPem = caPem;
    this.basicAuth = basicAuth;
    this.http = httpClient(caPem);
  }

  /** Plain HTTP, anonymous push and pull. */
  public static LocalRegistry open() {
    return start(false, null, null);
  }

  /** Plain HTTP; push and pull need the user's password (htpasswd, bcrypt). */
  public static LocalRegistry withPassword(String user, String password) {
    return start(false, user, password);
  }

  /** TLS with a certificate for {@code 127.0.0.1} signed by a CA made for it; anonymous. */
  public static LocalRegistry tls() {
    return start(true, null, null);
  }

  /** TLS as {@link #tls()}; push and pull need the user's password. */
  public static LocalRegistry tlsWithPassword(String user, String password) {
    return start(true, user, password);
  }

  /** {@code 127.0.0.1:<port>}: the registry's domain in image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** The normalised repository {@code 127.0.0.1:<port>/<path>}. */
  public String repository(String path) {
    return host() + "/" + path;
  }

  /** The PEM certificate of the CA that signed the registry's TLS certificate; empty for HTTP. */
  public Optional<String> caPem() {
    return caPem;
  }

  /**
   * Uploads a blob to repository {@code path}.
   *
   * @return its digest, {@code sha256:<hex>}
   */
  public String pushBlob(String path, byte[] content) {
    String digest = sha256(content);
    HttpResponse<String> started =
        send(
            request("/v2/" + path + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            202);
    String location =
        started
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("blob upload without a Location"));
    URI upload = base().resolve(location);
    String separator = upload.getQuery() == null ? "?" : "&";
    send(
        authorized(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest)))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
            .build(),
        201);
    return digest;
  }

  /**
   * Stores a manifest's exact bytes in repository {@code path} at {@code reference}, a tag or
   * digest.
   *
   * @return the manifest's digest, {@code sha256:<hex>}
   */
  public String pushManifest(String path, String reference, String mediaType, byte[] manifest) {
    send(
        request("/v2/" + path + "/manifests/" + reference)
            .header("Content-Type", mediaType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
            .build(),
        201);
    return sha256(manifest);
  }

  /**
   * Reads what repository {@code path} holds at {@code kind} ({@code manifests} or {@code blobs})
   * {@code reference}, as the registry serves it, to check what code under test pushed.
   */
  public String pull(String path, String kind, String reference) {
    return send(
            request("/v2/" + path + "/" + kind + "/" + reference)
                .header("Accept", CosignImages.OCI_MANIFEST)
                .GET()
                .build(),
            200)
        .body();
  }

  public static String sha256(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      deleteRecursively(dir);
    }
  }

  private static LocalRegistry start(boolean tls, String user, String password) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY
              + " is missing: the registry tests need Debian's docker-registry; run .ci/run, which"
              + " installs it (apt-get install docker-registry)");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("docker-registry");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      int port = freePort();
      List<String> config = new ArrayList<>();
      config.add("version: 0.1");
      config.add("log: {level: warn}");
      config.add("storage:");
      config.add("  filesystem: {rootdirectory: " + dir.resolve("data") + "}");
      config.add("  delete: {enabled: true}");
      config.add("http:");
      config.add("  addr: 127.0.0.1:" + port);
      // Without one, the registry logs a warning and makes a random secret.
      config.add("  secret: local-registry-test-secret");
      Optional<String> caPem = Optional.empty();
      if (tls) {
        caPem = Optional.of(OpenSsl.serverCertificate(dir));
        config.add("  tls:");
        config.add("    certificate: " + dir.resolve("tls.pem"));
        config.add("    key: " + dir.resolve("tls.key"));
      }
      Optional<String> basicAuth = Optional.empty();
      if (user != null) {
        // Write the file first: a registry finding none creates it with a random user.
        Files.writeString(dir.resolve("htpasswd"), user + ":" + bcrypt(password) + "\n");
        config.add("auth:");
        config.add("  htpasswd: {realm: local-registry, path: " + dir.resolve("htpasswd") + "}");
        basicAuth =
            Optional.of(
                "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8)));
      }
      Files.write(dir.resolve("config.yml"), config);
      Process process =
          new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile())
              .start();
      LocalRegistry registry = new LocalRegistry(dir, process, port, caPem, basicAuth);
      registry.awaitUp();
      return registry;
    } catch (IOException | RuntimeException e) {
      deleteRecursively(dir);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private void awaitUp() {
    long giveUp = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < giveUp) {
      if (!process.isAlive()) {
        throw failedToStart("exited with " + process.exitValue());
      }
      try {
        // Any answer, 401 included, means it is serving.
        http.send(request("/v2/").GET().build(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        sleep();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while starting docker-registry", e);
      }
    }
    throw failedToStart("did not answer within " + STARTUP.toSeconds() + " s");
  }

  private IllegalStateException failedToStart(String why) {
    String log;
    try {
      log = Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      log = "(no log: " + e + ")";
    }
    close();
    return new IllegalStateException("docker-registry on port " + port + " " + why + ":\n" + log);
  }

  private URI base() {
    return URI.create((tls ? "https://" : "http://") + host());
  }

  private HttpRequest.Builder request(String path) {
    return authorized(HttpRequest.newBuilder(base().resolve(path)));
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    basicAuth.ifPresent(value -> builder.header("Authorization", value));
    return builder.timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest request, int expected) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String bcrypt(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    // Distribution reads only bcrypt entries; cost 4 keeps the tests fast.
    return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 4);
  }

  private static HttpClient httpClient(Optional<String> caPem) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (caPem.isPresent()) {
      try {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry(
            "ca",
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caPem.get().getBytes(UTF_8))));
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        builder.sslContext(context);
      } catch (Exception e) {
        throw new IllegalStateException("cannot trust the generated CA", e);
      }
    }
    return builder.build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temp directory is harmless.
    }
  }
}
