package io.dikast.grafeas.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlFilterTranslatorTest {

  private final SqlFilterTranslator translator =
      new SqlFilterTranslator(
          Map.of(
              FilterField.RESOURCE_URL, "resource_uri",
              FilterField.KIND, "kind",
              FilterField.NOTE_ID, "note_id"));

  @Test
  void emptyFilterHoldsForEveryRow() {
    assertThat(translator.translate("")).isEqualTo(new SqlCondition("1 = 1", List.of()));
  }

  @Test
  void valuesBecomeParametersNeverSqlText() {
    SqlCondition condition = translator.translate("resourceUrl=\"x' OR '1'='1\" AND kind!=BUILD");

    assertThat(condition.sql()).isEqualTo("(resource_uri = ? AND kind <> ?)");
    assertThat(condition.parameters()).containsExactly("x' OR '1'='1", "BUILD");
  }

  @Test
  void groupsFollowTheParsedTree() {
    SqlCondition condition =
        translator.translate("(noteId=\"a\" OR noteId=\"b\") AND kind=ATTESTATION OR kind=BUILD");

    assertThat(condition.sql())
        .isEqualTo("((note_id = ? OR note_id = ?) AND (kind = ? OR kind = ?))");
    assertThat(condition.parameters()).containsExactly("a", "b", "ATTESTATION", "BUILD");
  }
}
