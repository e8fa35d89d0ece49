package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of the durability tests: creates occurrences one by one and prints each name
 * only after its create returned, until it is killed (or has written {@value #LIMIT}).
 *
 * <p>Arguments: {@code embedded <directory>} or {@code postgresql <jdbc-url>}.
 */
public final class DurabilityWriter {

  static final String ACKNOWLEDGED = "acknowledged ";
  static final String NOTE = "projects/durability/notes/n";
  private static final int LIMIT = 1_000_000;

  private DurabilityWriter() {}

  public static void main(String[] args) {
    AgroalDataSource dataSource =
        args[0].equals("embedded")
            ? StorageDataSources.embedded(Path.of(args[1]))
            : PostgresqlDatabase.dataSource(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (JdbcGrafeasStore store = JdbcGrafeasStore.open(dataSource)) {
      for (int i = 0; i < LIMIT; i++) {
        String name = "projects/durability/occurrences/o" + i;
        store.createOccurrence(Fixtures.attestation(name, NOTE, Fixtures.imageUri(i)));
        out.println(ACKNOWLEDGED + name);
      }
    }
  }
}
