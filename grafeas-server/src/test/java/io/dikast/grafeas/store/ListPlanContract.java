package io.dikast.grafeas.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.dikast.grafeas.filter.SqlCondition;
import io.grafeas.v1.Occurrence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plans a database picks for the webhook's two lists once its statistics have seen a note and a
 * project holding many images: an index lookup on the image, not a walk over every occurrence of
 * the note or the project (which grows with each image ever attested).
 */
abstract class ListPlanContract {

  private static final String IMAGE = "gcr.io/p/app@sha256:" + "a".repeat(64);
  private static final String EITHER_SPELLING =
      "resourceUrl=\"https://" + IMAGE + "\" OR resourceUrl=\"" + IMAGE + "\"";
  private static final int ROWS = 4_000;

  private final ObjectTable<Occurrence> occurrences = new ObjectTable<>(new OccurrenceMapping());
  private AgroalDataSource dataSource;

  abstract AgroalDataSource dataSource() throws SQLException;

  /** A relation of the integers 1 to {@code count} in a column named {@code x}. */
  abstract String series(int count);

  /** A one-byte binary literal. */
  abstract String oneByte();

  /** How the database's plan, in lower case, says it looks the image's resource up in an index. */
  abstract String resourceLookup();

  @BeforeEach
  void fillOneNoteAndOneProjectWithTwoThousandImages() throws SQLException {
    dataSource = dataSource();
    SchemaMigration.migrate(dataSource);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          """
          INSERT INTO occurrences (name, project, kind, resource_uri, note_name, note_project,
              note_id, create_time, update_time, body)
          SELECT 'projects/scope/occurrences/o' || x, 'scope',
              CASE MOD(x, 2) WHEN 0 THEN 'ATTESTATION' ELSE 'VULNERABILITY' END,
              'https://gcr.io/p/app@sha256:' || (x / 2), 'scope', 'authority', 'qa',
              CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, %s
          FROM %s
          """
              .formatted(oneByte(), series(ROWS)));
      statement.execute("ANALYZE");
    }
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void looksANotesOccurrencesOfOneImageUpByResource() throws SQLException {
    String plan = explain("note_name", occurrences.condition(EITHER_SPELLING));

    assertThat(plan).contains(resourceLookup());
  }

  @Test
  void looksAProjectsVulnerabilitiesOfOneImageUpByResource() throws SQLException {
    String plan =
        explain(
            "project",
            occurrences.condition("(" + EITHER_SPELLING + ") AND kind=\"VULNERABILITY\""));

    assertThat(plan).contains(resourceLookup());
  }

  /** The plan in lower case (H2 names indexes in upper case, PostgreSQL as created). */
  private String explain(String scopeColumn, SqlCondition condition) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "EXPLAIN " + occurrences.listSql(scopeColumn, condition, true))) {
      int index = 1;
      statement.setString(index++, "scope");
      for (String parameter : condition.parameters()) {
        statement.setString(index++, parameter);
      }
      statement.setInt(index, 21);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString().toLowerCase(Locale.ROOT);
    }
  }
}
