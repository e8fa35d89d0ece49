package io.dikast.grafeas.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the Grafeas server keeps notes and occurrences. */
@ConfigMapping(prefix = "dikast.grafeas.storage")
public interface StorageConfig {

  /** {@code embedded} (a file-backed H2 database, nothing to install) or {@code postgresql}. */
  @WithDefault("embedded")
  Type type();

  Embedded embedded();

  Postgresql postgresql();

  /** The kinds of database the store runs on. */
  enum Type {
    EMBEDDED,
    POSTGRESQL
  }

  /** The embedded database. */
  interface Embedded {

    /** Directory of the database files, created if missing. */
    @WithDefault("./grafeas-data")
    Path path();
  }

  /** The PostgreSQL database. */
  interface Postgresql {

    /** For example {@code jdbc:postgresql://db:5432/grafeas}; required with type postgresql. */
    Optional<String> jdbcUrl();

    @WithDefault("dikast")
    String username();

    Optional<String> password();

    /** A file whose content is the password, such as a mounted Secret; wins over password. */
    Optional<Path> passwordFile();

    /** The most connections the server holds open. */
    @WithDefault("10")
    int poolSize();

    /** How long a request waits for a connection before it fails with UNAVAILABLE. */
    @WithDefault("PT5S")
    Duration acquisitionTimeout();
  }
}
