package io.dikast.operator.webhooktls;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the webhook serves and what the API server trusts, as the shared Secret holds it: the
 * serving certificate, its key and the CA bundle. The bundle lists the CA of the current
 * certificate first, then earlier CAs that have not expired, so a replica still serving the
 * previous certificate stays trusted until it has reloaded.
 */
public record TlsMaterial(String certificatePem, String keyPem, String caBundlePem) {

  static final String CERTIFICATE = "tls.crt";
  static final String KEY = "tls.key";
  static final String CA_BUNDLE = "ca.crt";

  /** The material of a Secret's data, or empty when a key is missing. */
  static Optional<TlsMaterial> fromSecretData(Map<String, String> data) {
    if (data == null || !data.keySet().containsAll(List.of(CERTIFICATE, KEY, CA_BUNDLE))) {
      return Optional.empty();
    }
    return Optional.of(
        new TlsMaterial(
            decode(data.get(CERTIFICATE)), decode(data.get(KEY)), decode(data.get(CA_BUNDLE))));
  }

  Map<String, String> toSecretData() {
    return Map.of(
        CERTIFICATE, encode(certificatePem),
        KEY, encode(keyPem),
        CA_BUNDLE, encode(caBundlePem));
  }

  X509Certificate servingCertificate() {
    return Pem.readCertificates(certificatePem).get(0);
  }

  List<X509Certificate> caCertificates() {
    return Pem.readCertificates(caBundlePem);
  }

  /** The bundle's CAs still valid at {@code now}. */
  List<X509Certificate> unexpiredCas(Instant now) {
    return caCertificates().stream()
        .filter(ca -> ca.getNotAfter().toInstant().isAfter(now))
        .toList();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }

  private static String encode(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
