package io.dikast.grafeas.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the server's three TLS keys into Quarkus' TLS and HTTP settings, which need values that
 * depend on whether a key is set: with a certificate, plaintext is refused; with a client CA
 * bundle, a client certificate is required. gRPC shares the HTTP server, so both protocols follow.
 *
 * <ul>
 *   <li>{@code dikast.grafeas.tls.cert-file}, {@code dikast.grafeas.tls.key-file}: PEM server
 *       certificate chain and private key
 *   <li>{@code dikast.grafeas.tls.client-ca-file}: PEM bundle of the CAs client certificates must
 *       chain to
 * </ul>
 *
 * <p>Explicit {@code quarkus.*} settings win: this source's ordinal is below
 * application.properties.
 */
public class TlsConfigSourceFactory implements ConfigSourceFactory {

  static final String CERT_FILE = "dikast.grafeas.tls.cert-file";
  static final String KEY_FILE = "dikast.grafeas.tls.key-file";
  static final String CLIENT_CA_FILE = "dikast.grafeas.tls.client-ca-file";
  private static final int ORDINAL = 200;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    Map<String, String> derived = new HashMap<>();
    Optional<String> cert = value(context, CERT_FILE);
    Optional<String> key = value(context, KEY_FILE);
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException(
          CERT_FILE + " and " + KEY_FILE + " must be set together, or neither");
    }
    cert.ifPresent(
        file -> {
          derived.put("quarkus.tls.key-store.pem.server.cert", file);
          derived.put("quarkus.tls.key-store.pem.server.key", key.get());
          derived.put("quarkus.http.insecure-requests", "disabled");
        });
    value(context, CLIENT_CA_FILE)
        .ifPresent(
            file -> {
              if (cert.isEmpty()) {
                throw new IllegalArgumentException(CLIENT_CA_FILE + " needs " + CERT_FILE);
              }
              derived.put("quarkus.tls.trust-store.pem.certs", file);
              derived.put("quarkus.http.ssl.client-auth", "required");
            });
    return List.of(new PropertiesConfigSource(derived, "dikast-grafeas-tls", ORDINAL));
  }

  private static Optional<String> value(ConfigSourceContext context, String name) {
    ConfigValue value = context.getValue(name);
    return Optional.ofNullable(value == null ? null : value.getValue()).filter(v -> !v.isBlank());
  }
}
