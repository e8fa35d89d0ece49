package io.dikast.operator.webhooktls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The PEM files the webhook's HTTPS server serves from (TLS configuration {@code webhook}, which
 * {@code quarkus.http.tls-configuration-name} selects in the prod profile). Without both files that
 * configuration has no key and the server does not serve it.
 */
@ConfigMapping(prefix = "dikast.webhook.serving")
public interface ServingCertificateConfig {

  /** PEM certificate chain, the serving certificate first. */
  Optional<Path> certificateFile();

  /** PEM private key of the serving certificate (PKCS#8, PKCS#1 or SEC1, unencrypted). */
  Optional<Path> keyFile();

  /**
   * How often the files are compared with what is served. A change of their content is served from
   * the next handshake on; unchanged files are never reloaded.
   */
  @WithDefault("10s")
  Duration checkInterval();
}
