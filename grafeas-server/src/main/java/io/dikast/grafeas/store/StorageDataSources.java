package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalConnectionFactoryConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Connection pools for the databases the store runs on. */
public final class StorageDataSources {

  private static final int EMBEDDED_POOL_SIZE = 8;
  private static final Duration EMBEDDED_ACQUISITION_TIMEOUT = Duration.ofSeconds(30);

  private StorageDataSources() {}

  /** The pool {@code config} asks for. */
  public static AgroalDataSource create(StorageConfig config) {
    if (config.type() == StorageConfig.Type.EMBEDDED) {
      return embedded(config.embedded().path());
    }
    StorageConfig.Postgresql postgresql = config.postgresql();
    String url =
        postgresql
            .jdbcUrl()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "dikast.grafeas.storage.postgresql.jdbc-url is required when"
                            + " dikast.grafeas.storage.type is postgresql"));
    String password = postgresql.passwordFile().map(StorageDataSources::readPassword).orElse(null);
    return postgresql(
        url,
        postgresql.username(),
        password != null ? password : postgresql.password().orElse(""),
        postgresql.poolSize(),
        postgresql.acquisitionTimeout());
  }

  /**
   * A file-backed H2 database in {@code directory}. Every commit is written to the file before it
   * returns ({@code WRITE_DELAY=0}), so an acknowledged write survives the process being killed.
   */
  public static AgroalDataSource embedded(Path directory) {
    String url =
        "jdbc:h2:file:"
            + directory.toAbsolutePath().resolve("grafeas")
            + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    return pool(
        EMBEDDED_POOL_SIZE,
        EMBEDDED_ACQUISITION_TIMEOUT,
        factory -> factory.jdbcUrl(url).principal(new NamePrincipal("sa")));
  }

  public static AgroalDataSource postgresql(
      String jdbcUrl, String username, String password, int poolSize, Duration acquisitionTimeout) {
    return pool(
        poolSize,
        acquisitionTimeout,
        factory ->
            factory
                .jdbcUrl(jdbcUrl)
                .principal(new NamePrincipal(username))
                .credential(new SimplePassword(password))
                // One INSERT with many rows per batch instead of a round trip per row.
                .jdbcProperty("reWriteBatchedInserts", "true"));
  }

  private static AgroalDataSource pool(
      int size,
      Duration acquisitionTimeout,
      UnaryOperator<AgroalConnectionFactoryConfigurationSupplier> factory) {
    AgroalDataSourceConfigurationSupplier configuration =
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(size)
                        .minSize(0)
                        .acquisitionTimeout(acquisitionTimeout)
                        // A database restart leaves broken connections in the pool; check first.
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .connectionFactoryConfiguration(factory));
    try {
      return AgroalDataSource.from(configuration);
    } catch (SQLException e) {
      throw SqlErrors.unavailable(e);
    }
  }

  private static String readPassword(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the PostgreSQL password file " + file, e);
    }
  }
}
