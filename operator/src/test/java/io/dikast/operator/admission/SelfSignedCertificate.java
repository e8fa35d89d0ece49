package io.dikast.operator.admission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A webhook serving certificate for {@code localhost}, made by real {@code openssl} in a temporary
 * directory, and a TLS context that trusts only the certificates made here, as the API server's
 * caBundle would.
 */
final class SelfSignedCertificate implements AutoCloseable {

  private final Path dir;
  private final List<Certificate> issued = new CopyOnWriteArrayList<>();

  private SelfSignedCertificate(Path dir) {
    this.dir = dir;
  }

  static SelfSignedCertificate generate() {
    try {
      SelfSignedCertificate certificate =
          new SelfSignedCertificate(Files.createTempDirectory("webhook-tls"));
      certificate.rotate();
      return certificate;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path certificate() {
    return dir.resolve("tls.crt");
  }

  Path privateKey() {
    return dir.resolve("tls.key");
  }

  /**
   * Replaces the key and certificate the way the kubelet updates a mounted Secret: both files are
   * links through {@code ..data}, which is swapped atomically to a new directory. Returns the new
   * certificate.
   */
  Certificate rotate() {
    try {
      Path version = Files.createDirectory(dir.resolve("v" + issued.size()));
      run(
          version,
          List.of(
              "openssl",
              "req",
              "-x509",
              "-newkey",
              "ec",
              "-pkeyopt",
              "ec_paramgen_curve:P-256",
              "-nodes",
              "-days",
              "1",
              "-subj",
              "/CN=localhost",
              "-addext",
              "subjectAltName=DNS:localhost,IP:127.0.0.1",
              "-keyout",
              "tls.key",
              "-out",
              "tls.crt"));
      Certificate next;
      try (InputStream pem = Files.newInputStream(version.resolve("tls.crt"))) {
        next = CertificateFactory.getInstance("X.509").generateCertificate(pem);
      }
      // Trusted before it can be served, as the API server trusts a new CA before it is used.
      issued.add(next);
      Path link = Files.createSymbolicLink(dir.resolve("..data_tmp"), version.getFileName());
      Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
      for (String file : List.of("tls.crt", "tls.key")) {
        if (!Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(dir.resolve(file), Path.of("..data", file));
        }
      }
      return next;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A TLS context that trusts exactly the certificates issued here, looked up at each handshake:
   * one made before a rotation trusts the certificate the rotation brings too. Each context has a
   * session cache of its own, so a new one always makes a full handshake.
   */
  SSLContext trustingOnlyThis() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new IssuedHere()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(Path workDir, List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("openssl did not finish: " + command);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException("openssl failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class IssuedHere implements X509TrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain.length == 0 || !issued.contains(chain[0])) {
        throw new CertificateException("the server's certificate was not issued by this test");
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("the webhook's clients present no certificate");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issued.toArray(X509Certificate[]::new);
    }
  }
}
