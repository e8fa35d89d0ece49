package io.dikast.operator.standalone;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Standalone mode: the operator without Kubernetes, its policies read from manifests in a directory
 * and its webhook served on a certificate made at startup. The {@code standalone} profile turns it
 * on; the quickstart runs the operator this way.
 */
@ConfigMapping(prefix = "dikast.standalone")
public interface StandaloneConfig {

  @WithDefault("false")
  boolean enabled();

  /**
   * Directory of AttestationAuthority, ImageSecurityPolicy and GenericAttestationPolicy manifests
   * ({@code *.yaml}, {@code *.yml}, {@code *.json}); other kinds in it are ignored.
   */
  Optional<Path> policies();

  /** Where the CA certificate of the webhook's serving certificate is written, for clients. */
  Optional<Path> caFile();

  /** The names the serving certificate is valid for. */
  @WithDefault("localhost,127.0.0.1")
  List<String> certificateNames();
}
