package io.dikast.operator.webhooktls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Decides whether the served certificate must be replaced. */
final class RotationPolicy {

  private static final int DNS_NAME = 2;

  private final Duration renewBefore;

  RotationPolicy(Duration renewBefore) {
    this.renewBefore = renewBefore;
  }

  /**
   * True when the certificate expires within the renewal window, is not yet valid, does not name
   * every Service name, or is not signed by the bundle's first CA.
   */
  boolean needsNewCertificate(TlsMaterial material, List<String> dnsNames, Instant now) {
    X509Certificate certificate = material.servingCertificate();
    Instant notAfter = certificate.getNotAfter().toInstant();
    if (!now.plus(renewBefore).isBefore(notAfter)
        || now.isBefore(certificate.getNotBefore().toInstant())) {
      return true;
    }
    if (!subjectDnsNames(certificate).containsAll(dnsNames)) {
      return true;
    }
    List<X509Certificate> cas = material.caCertificates();
    return cas.isEmpty() || !signedBy(certificate, cas.get(0));
  }

  private static Set<String> subjectDnsNames(X509Certificate certificate) {
    Set<String> names = new HashSet<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          if (((Integer) alternative.get(0)) == DNS_NAME) {
            names.add((String) alternative.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return Set.of();
    }
    return names;
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }
}
