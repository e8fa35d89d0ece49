package io.dikast.operator.webhooktls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateParsingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

  private final CertificateIssuer issuer = new CertificateIssuer();

  @Test
  void namesAnIpAddressAsAnIpAddressAndAHostNameAsADnsName() throws CertificateParsingException {
    Instant now = Instant.now();
    IssuedCertificate ca = issuer.certificateAuthority("test-ca", now, Duration.ofHours(1));

    IssuedCertificate serving =
        issuer.servingCertificate(
            ca, List.of("localhost", "127.0.0.1", "::1"), now, Duration.ofHours(1));

    // 2 is a dNSName, 7 an iPAddress (RFC 5280, GeneralName).
    assertThat(serving.certificate().getSubjectAlternativeNames())
        .containsExactly(
            List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
  }
}
