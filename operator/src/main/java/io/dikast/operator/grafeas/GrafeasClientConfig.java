package io.dikast.operator.grafeas;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the operator reaches the Grafeas server that holds attestations. */
@ConfigMapping(prefix = "dikast.grafeas")
public interface GrafeasClientConfig {

  /** gRPC address of the Grafeas v1 server, {@code host:port}. */
  @WithDefault("localhost:8080")
  String address();

  /**
   * Deadline of one Grafeas call. Kept well below the admission budget so that a slow call leaves
   * room to answer the API server with a denial that names the outage.
   */
  @WithDefault("2s")
  Duration callTimeout();

  /** Attempts of an idempotent read on UNAVAILABLE, all within the call's deadline. */
  @WithDefault("3")
  int maxAttempts();

  /** Upper bound on result pages read for one image, against a server that never ends a list. */
  @WithDefault("50")
  int maxPages();

  /**
   * Grafeas projects ({@code projects/<id>}'s id) searched for an image's VULNERABILITY
   * occurrences; the findings of all of them are judged together. {@code kritis} is the project
   * Kritis reads by default, where its scanners write.
   */
  @WithDefault("kritis")
  List<String> vulnerabilityProjects();

  Tls tls();

  /** File holding a bearer token sent with every call. */
  Optional<Path> tokenFile();

  interface Tls {
    /** Use TLS; without it the connection is plaintext (loopback and tests only). */
    @WithDefault("false")
    boolean enabled();

    /** PEM bundle of CAs that sign the server's certificate; the JVM's trust store if absent. */
    Optional<Path> caFile();

    /** PEM client certificate chain for mutual TLS. */
    Optional<Path> certFile();

    /** PEM PKCS#8 private key of the client certificate. */
    Optional<Path> keyFile();

    /** Name to check the server certificate against, when it differs from the address' host. */
    Optional<String> serverName();
  }
}
