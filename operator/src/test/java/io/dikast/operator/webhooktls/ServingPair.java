package io.dikast.operator.webhooktls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A serving certificate and its key in PEM, issued by the operator's own issuer. */
record ServingPair(IssuedCertificate issued, String certificatePem, String keyPem) {

  private static final CertificateIssuer ISSUER = new CertificateIssuer();

  static ServingPair issue() {
    Instant now = Instant.now();
    IssuedCertificate ca = ISSUER.certificateAuthority("test-ca", now, Duration.ofHours(1));
    IssuedCertificate serving =
        ISSUER.servingCertificate(ca, List.of("localhost"), now, Duration.ofHours(1));
    return new ServingPair(
        serving, Pem.certificates(List.of(serving.certificate())), Pem.privateKey(serving.key()));
  }

  ServingKey key(String alias) {
    return ServingKey.read(alias, certificatePem, keyPem);
  }
}
