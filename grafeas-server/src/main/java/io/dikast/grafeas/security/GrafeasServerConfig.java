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

  interface Auth {

    /**
     * A file holding the bearer token every API call must present ({@code Authorization: Bearer
     * …}); without it, calls are not authenticated by token. Health endpoints never need it.
     */
    Optional<Path> tokenFile();
  }

  interface Limits {

    /** The largest REST body and gRPC message accepted, in bytes (default 4 MiB). */
    @WithDefault("4194304")
    int maxRequestBytes();
  }
}
