package io.dikast.grafeas.store;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings a database's schema to the version this code expects, with Flyway. */
final class SchemaMigration {

  /**
   * The migration scripts under {@code db/migration}, listed rather than scanned: scanning the
   * class path depends on the class loader, and Quarkus' loaders do not list directories.
   */
  static final List<String> SCRIPTS =
      List.of("V1__notes_and_occurrences.sql", "V2__occurrences_by_resource.sql");

  private SchemaMigration() {}

  static void migrate(DataSource dataSource) {
    Flyway.configure(SchemaMigration.class.getClassLoader())
        .dataSource(dataSource)
        .resourceProvider(
            new ListedMigrations("db/migration", SCRIPTS, SchemaMigration.class.getClassLoader()))
        .failOnMissingLocations(false)
        .load()
        .migrate();
  }
}
