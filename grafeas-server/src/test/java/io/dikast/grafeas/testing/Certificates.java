package io.dikast.grafeas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test PKI made by real openssl: a CA, a server certificate for localhost, a client certificate
 * the CA signed, and a client certificate of another CA the server must refuse.
 */
public final class Certificates {

  private final Path directory;

  private Certificates(Path directory) {
    this.directory = directory;
  }

  public static Certificates generate(Path directory) {
    Certificates pki = new Certificates(directory);
    pki.selfSigned("ca", "dikast test CA");
    pki.selfSigned("rogue-ca", "another CA");
    pki.signed("server", "localhost", "ca", "subjectAltName=DNS:localhost,IP:127.0.0.1");
    pki.signed("client", "grafeas client", "ca", "extendedKeyUsage=clientAuth");
    pki.signed("rogue-client", "rogue client", "rogue-ca", "extendedKeyUsage=clientAuth");
    return pki;
  }

  public Path directory() {
    return directory;
  }

  public Path cert(String name) {
    return directory.resolve(name + ".crt");
  }

  public Path key(String name) {
    return directory.resolve(name + ".key");
  }

  private void selfSigned(String name, String commonName) {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key(name).toString(),
        "-out",
        cert(name).toString(),
        "-days",
        "2",
        "-subj",
        "/CN=" + commonName);
  }

  private void signed(String name, String commonName, String ca, String extension) {
    Path csr = directory.resolve(name + ".csr");
    Path extensions = directory.resolve(name + ".ext");
    try {
      Files.writeString(extensions, extension + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key(name).toString(),
        "-out",
        csr.toString(),
        "-subj",
        "/CN=" + commonName);
    openssl(
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        cert(ca).toString(),
        "-CAkey",
        key(ca).toString(),
        "-CAcreateserial",
        "-out",
        cert(name).toString(),
        "-days",
        "2",
        "-extfile",
        extensions.toString());
  }

  private void openssl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
