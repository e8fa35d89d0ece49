package io.dikast.grafeas.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Authentication and limits of the Grafeas server's API. */
@ConfigMapping(prefix = "dikast.grafeas")
public interface GrafeasServerConfig {

  Auth auth();

  Limits limits();

  Tls tls();

  interface Auth {

    /**
     * A file holding the bearer token every API call must present ({@code Authorization: Bearer
     * …}); without it, calls are not authenticated by token. Health endpoints never need it.
     */
    Optional<Path> tokenFile();
  }

  /**
   * TLS for REST and gRPC, which share the HTTP server; {@link TlsConfigSourceFactory} turns these
   * into Quarkus' settings before the server starts.
   */
  interface Tls {

    /** PEM certificate chain of the server; with it, plaintext requests are refused. */
    Optional<Path> certFile();

    /** PEM private key of the server certificate. */
    Optional<Path> keyFile();

    /** PEM bundle of CAs; with it, every client must present a certificate they issued. */
    Optional<Path> clientCaFile();
  }

  interface Limits {

    /** The largest REST body and gRPC message accepted, in bytes (default 4 MiB). */
    @WithDefault("4194304")
    int maxRequestBytes();
  }
}
