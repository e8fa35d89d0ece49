package io.dikast.engine.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Real {@code openssl} keys and signatures in a temporary directory, deleted on close. */
public final class OpenSsl implements AutoCloseable {

  /** A private key file and its PEM public key, as {@code openssl pkey -pubout} writes it. */
  public record Key(Path privateKey, String publicKeyPem) {}

  private final Path dir;
  private int keys;

  private OpenSsl(Path dir) {
    this.dir = dir;
  }

  public static OpenSsl start() {
    try {
      return new OpenSsl(Files.createTempDirectory("openssl"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A P-256 CA, and a server certificate it signs for {@code 127.0.0.1} and {@code localhost}, both
   * valid for two days, written to {@code dir} as {@code ca.pem}, {@code tls.pem} and {@code
   * tls.key}.
   *
   * @return the CA's PEM, for the clients that must trust the server
   */
  public static String serverCertificate(Path dir) {
    run(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=dikast test CA",
        "-days",
        "2",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem");
    run(
        dir,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "tls.key",
        "-out",
        "tls.csr");
    try {
      Files.writeString(
          dir.resolve("tls.ext"),
          "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
      run(
          dir,
          "x509",
          "-req",
          "-in",
          "tls.csr",
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-days",
          "2",
          "-extfile",
          "tls.ext",
          "-out",
          "tls.pem");
      return Files.readString(dir.resolve("ca.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(Path dir, String... arguments) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Command.run(dir, Map.of(), new byte[0], command);
  }

  /** An EC key on a named curve: {@code P-256}, {@code P-384} or {@code P-521}. */
  public Key ecKey(String curve) {
    return generate("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve);
  }

  public Key rsaKey(int bits) {
    return generate("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits);
  }

  /** {@code openssl dgst -<digest> -sign}: PKCS#1 v1.5 for RSA, DER-encoded ECDSA for EC. */
  public byte[] sign(Key key, String digest, byte[] data) {
    return dgstSign(key, digest, data, List.of());
  }

  /** RSA-PSS with MGF1 of the same digest and a salt as long as the digest. */
  public byte[] signPss(Key key, String digest, byte[] data) {
    String md = digest.toLowerCase(Locale.ROOT);
    return dgstSign(
        key,
        digest,
        data,
        List.of(
            "-sigopt", "rsa_padding_mode:pss",
            "-sigopt", "rsa_pss_saltlen:digest",
            "-sigopt", "rsa_mgf1_md:" + md));
  }

  private byte[] dgstSign(Key key, String digest, byte[] data, List<String> options) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "dgst",
                "-" + digest.toLowerCase(Locale.ROOT),
                "-sign",
                key.privateKey().toString()));
    command.addAll(options);
    return openssl(data, command);
  }

  private Key generate(String... options) {
    Path privateKey = dir.resolve("key" + (++keys) + ".pem");
    List<String> command = new ArrayList<>(List.of("openssl", "genpkey"));
    command.addAll(List.of(options));
    command.addAll(List.of("-out", privateKey.toString()));
    openssl(new byte[0], command);
    byte[] pem =
        openssl(new byte[0], List.of("openssl", "pkey", "-in", privateKey.toString(), "-pubout"));
    return new Key(privateKey, new String(pem, UTF_8));
  }

  private byte[] openssl(byte[] stdin, List<String> command) {
    return Command.run(dir, Map.of(), stdin, command);
  }

  @Override
  public void close() {
    Command.deleteRecursively(dir);
  }
}
