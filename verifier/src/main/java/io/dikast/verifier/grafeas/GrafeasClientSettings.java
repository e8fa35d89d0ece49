package io.dikast.verifier.grafeas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client reaches the Grafeas server that holds attestations; the operator fills it from its
 * configuration, the CLI from its options.
 *
 * @param address gRPC address, {@code host:port}
 * @param callTimeout deadline of one call, cut short by the caller's own deadline
 * @param maxAttempts attempts of an idempotent read on UNAVAILABLE, all within the call's deadline
 * @param maxPages upper bound on result pages read for one question
 * @param vulnerabilityProjects projects searched for an image's VULNERABILITY occurrences
 * @param tls TLS material; empty for plaintext (loopback and tests only)
 * @param tokenFile file holding a bearer token sent with every call, re-read on each call
 */
public record GrafeasClientSettings(
    String address,
    Duration callTimeout,
    int maxAttempts,
    int maxPages,
    List<String> vulnerabilityProjects,
    Optional<Tls> tls,
    Optional<Path> tokenFile) {

  public GrafeasClientSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(callTimeout, "callTimeout");
    vulnerabilityProjects = List.copyOf(vulnerabilityProjects);
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(tokenFile, "tokenFile");
  }

  /** A plaintext connection with the operator's defaults for attempts, pages and projects. */
  public static GrafeasClientSettings plaintext(String address, Duration callTimeout) {
    return new GrafeasClientSettings(
        address, callTimeout, 3, 50, List.of("kritis"), Optional.empty(), Optional.empty());
  }

  /**
   * @param caFile PEM CAs that sign the server's certificate; the JVM's trust store if empty
   * @param certFile PEM client certificate chain for mutual TLS, given with {@code keyFile}
   * @param keyFile PEM PKCS#8 private key of the client certificate
   * @param serverName name to check the server certificate against, if not the address' host
   */
  public record Tls(
      Optional<Path> caFile,
      Optional<Path> certFile,
      Optional<Path> keyFile,
      Optional<String> serverName) {

    public Tls {
      Objects.requireNonNull(caFile, "caFile");
      Objects.requireNonNull(certFile, "certFile");
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(serverName, "serverName");
    }
  }
}
