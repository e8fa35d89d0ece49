package io.dikast.bench.load;

import io.dikast.bench.ServingCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook's certificate and key files, replaced by the next of a few certificates made up front
 * the way the operator's own rotation writes them: the key first, then the certificate, each by an
 * atomic rename, so a reader can meet a new key beside the old certificate. Clients trust every one
 * of them from the start, as the API server trusts a new CA before it is served.
 */
final class RotatingFiles {

  private final Path directory;
  private final List<ServingCertificate> certificates;
  private final List<BigInteger> serials;
  private final Path trustBundle;
  private int served;

  private RotatingFiles(
      Path directory,
      List<ServingCertificate> certificates,
      List<BigInteger> serials,
      Path trustBundle) {
    this.directory = directory;
    this.certificates = certificates;
    this.serials = serials;
    this.trustBundle = trustBundle;
  }

  /** {@code count} certificates in {@code directory}, the first one already in the served files. */
  static RotatingFiles issue(Path directory, int count) throws IOException {
    List<ServingCertificate> certificates = new ArrayList<>();
    List<BigInteger> serials = new ArrayList<>();
    StringBuilder bundle = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ServingCertificate certificate =
          ServingCertificate.write(Files.createDirectories(directory.resolve("v" + i)));
      certificates.add(certificate);
      serials.add(serial(certificate.certificate()));
      bundle.append(Files.readString(certificate.certificate()));
    }
    RotatingFiles files =
        new RotatingFiles(
            directory,
            List.copyOf(certificates),
            List.copyOf(serials),
            Files.writeString(directory.resolve("trusted.crt"), bundle));
    files.replace(certificates.get(0));
    return files;
  }

  Path certificate() {
    return directory.resolve("tls.crt");
  }

  Path key() {
    return directory.resolve("tls.key");
  }

  /** Every certificate this rotation serves, in PEM. */
  Path trustBundle() {
    return trustBundle;
  }

  /** Serial numbers of the certificates in the order they are served. */
  List<BigInteger> serials() {
    return serials;
  }

  /** Writes the next certificate over the served files. */
  void rotate() throws IOException {
    served++;
    replace(certificates.get(served));
  }

  private void replace(ServingCertificate next) throws IOException {
    moveInto(next.key(), key());
    moveInto(next.certificate(), certificate());
  }

  private void moveInto(Path source, Path target) throws IOException {
    Path staged = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static BigInteger serial(Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
          .getSerialNumber();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the certificate just written to " + pem, e);
    }
  }
}
