package io.dikast.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test CA with a server certificate for 127.0.0.1 and a client certificate, made by openssl. */
public record TlsFiles(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  public static TlsFiles create(Path dir) {
    Path ca = dir.resolve("ca.pem");
    Path caKey = dir.resolve("ca.key");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        caKey.toString(),
        "-out",
        ca.toString(),
        "-days",
        "1",
        "-subj",
        "/CN=dikast-test-ca");
    Path serverCert = dir.resolve("server.pem");
    Path serverKey = dir.resolve("server.key");
    issue(
        dir,
        ca,
        caKey,
        "127.0.0.1",
        serverCert,
        serverKey,
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    Path clientCert = dir.resolve("client.pem");
    Path clientKey = dir.resolve("client.key");
    issue(dir, ca, caKey, "dikast-cli", clientCert, clientKey, "extendedKeyUsage=clientAuth\n");
    return new TlsFiles(ca, serverCert, serverKey, clientCert, clientKey);
  }

  private static void issue(
      Path dir, Path ca, Path caKey, String name, Path cert, Path key, String extensions) {
    try {
      Path request = dir.resolve(name + ".csr");
      Path extensionFile = Files.writeString(dir.resolve(name + ".ext"), extensions);
      openssl(
          dir,
          "req",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-keyout",
          key.toString(),
          "-out",
          request.toString(),
          "-subj",
          "/CN=" + name);
      openssl(
          dir,
          "x509",
          "-req",
          "-in",
          request.toString(),
          "-CA",
          ca.toString(),
          "-CAkey",
          caKey.toString(),
          "-CAcreateserial",
          "-out",
          cert.toString(),
          "-days",
          "1",
          "-extfile",
          extensionFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("openssl.log").toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command + " failed: " + Files.readString(dir.resolve("openssl.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
