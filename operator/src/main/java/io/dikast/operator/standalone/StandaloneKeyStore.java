package io.dikast.operator.standalone;

import io.dikast.operator.webhooktls.CertificateIssuer;
import io.dikast.operator.webhooktls.IssuedCertificate;
import io.dikast.operator.webhooktls.Pem;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The HTTPS server's key store in standalone mode: a CA and a serving certificate issued at
 * startup, kept in memory for the life of the process. The CA certificate is written where clients
 * find it. It is the TLS configuration {@code standalone}, which the standalone profile's {@code
 * quarkus.http.tls-configuration-name} selects.
 */
@ApplicationScoped
@Identifier("standalone")
@LookupIfProperty(name = "dikast.standalone.enabled", stringValue = "true")
public class StandaloneKeyStore implements KeyStoreProvider {

  private static final Duration VALIDITY = Duration.ofDays(1);

  private final StandaloneConfig config;
  private KeyStoreAndKeyCertOptions issued;

  StandaloneKeyStore(StandaloneConfig config) {
    this.config = config;
  }

  // Asked once at startup; the same certificate for the life of the process keeps the CA file
  // valid.
  @Override
  public synchronized KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
    if (issued == null) {
      issued = issue(vertx);
    }
    return issued;
  }

  private KeyStoreAndKeyCertOptions issue(Vertx vertx) {
    CertificateIssuer issuer = new CertificateIssuer();
    Instant now = Instant.now();
    IssuedCertificate ca =
        issuer.certificateAuthority("dikast-standalone-ca@" + now.getEpochSecond(), now, VALIDITY);
    IssuedCertificate serving =
        issuer.servingCertificate(ca, config.certificateNames(), now, VALIDITY);
    config.caFile().ifPresent(file -> write(file, Pem.certificates(List.of(ca.certificate()))));
    PemKeyCertOptions options =
        new PemKeyCertOptions()
            .setCertValue(Buffer.buffer(Pem.certificates(List.of(serving.certificate()))))
            .setKeyValue(Buffer.buffer(Pem.privateKey(serving.key())));
    try {
      KeyStore keyStore = options.loadKeyStore(vertx);
      return new KeyStoreAndKeyCertOptions(keyStore, options);
    } catch (Exception e) {
      throw new StandaloneConfigurationException("cannot load the standalone certificate", e);
    }
  }

  private static void write(Path file, String pem) {
    try {
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "ca", ".tmp");
      Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StandaloneConfigurationException("cannot write the CA certificate to " + file, e);
    }
  }
}
