package io.dikast.grafeas.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.grafeas.filter.FilterExpression.And;
import io.dikast.grafeas.filter.FilterExpression.Comparison;
import io.dikast.grafeas.filter.FilterExpression.Or;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTest {

  private static final Set<FilterField> OCCURRENCE_FIELDS =
      EnumSet.complementOf(EnumSet.of(FilterField.NAME));

  private static FilterExpression parse(String filter) {
    return FilterParser.parse(filter, OCCURRENCE_FIELDS).orElseThrow();
  }

  private static Comparison equal(FilterField field, String value) {
    return new Comparison(field, Operator.EQUALS, value);
  }

  @Test
  void blankFilterMeansNoFilter() {
    assertThat(FilterParser.parse("  ", OCCURRENCE_FIELDS)).isEmpty();
  }

  @Test
  void parsesBothSpellingsOfEveryField() {
    assertThat(parse("resource_url=\"u\"")).isEqualTo(equal(FilterField.RESOURCE_URL, "u"));
    assertThat(parse("noteName = \"n\"")).isEqualTo(equal(FilterField.NOTE_NAME, "n"));
    assertThat(parse("note_project_id=\"p\"")).isEqualTo(equal(FilterField.NOTE_PROJECT_ID, "p"));
    assertThat(parse("noteId != \"i\""))
        .isEqualTo(new Comparison(FilterField.NOTE_ID, Operator.NOT_EQUALS, "i"));
  }

  @Test
  void acceptsABareWordOnlyForKind() {
    assertThat(parse("kind=ATTESTATION")).isEqualTo(equal(FilterField.KIND, "ATTESTATION"));
    assertThat(parse("kind=\"BUILD\"")).isEqualTo(equal(FilterField.KIND, "BUILD"));
    assertInvalid("noteId=qa", "filter: expected a double-quoted string at position 8");
  }

  @Test
  void unescapesQuotesAndBackslashes() {
    assertThat(parse("resourceUrl=\"a\\\"b\\\\c\""))
        .isEqualTo(equal(FilterField.RESOURCE_URL, "a\"b\\c"));
  }

  @Test
  void orBindsTighterThanAnd() {
    assertThat(parse("kind=BUILD AND noteId=\"a\" OR noteId=\"b\""))
        .isEqualTo(
            new And(
                equal(FilterField.KIND, "BUILD"),
                new Or(equal(FilterField.NOTE_ID, "a"), equal(FilterField.NOTE_ID, "b"))));
  }

  @Test
  void parenthesesGroup() {
    assertThat(parse("(kind=BUILD AND noteId=\"a\") OR noteId=\"b\""))
        .isEqualTo(
            new Or(
                new And(equal(FilterField.KIND, "BUILD"), equal(FilterField.NOTE_ID, "a")),
                equal(FilterField.NOTE_ID, "b")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "resourceUrl>\"x\"| filter: unexpected character '>' at position 12",
        "resourceUrl \"x\"| filter: expected '=' or '!=' at position 13",
        "resourceUrl| filter: expected '=' or '!=' at position 12",
        "=\"x\"| filter: expected a field name at position 1",
        "kind=BUILD AND| filter: expected a field name at position 15",
        "kind=BUILD noteId=\"a\"| filter: expected AND, OR or end of filter at position 12",
        "(kind=BUILD| filter: expected ')' at position 12",
        "noteId=\"abc| filter: unterminated string at position 8",
        "noteId=\"a\\nb\"| filter: unsupported escape '\\n' at position 10",
        "name=\"x\"| filter: unknown field 'name' at position 1",
        "color=\"red\"| filter: unknown field 'color' at position 1",
        "kind=SHINY| filter: unknown kind 'SHINY' at position 6",
        "kind=(| filter: expected a note kind at position 6",
        "kind=BUILD and noteId=\"a\"| filter: expected AND, OR or end of filter at position 12",
      })
  void malformedFilterIsInvalidArgumentNamingPositionAndExpectation(String filter, String message) {
    assertInvalid(filter, message);
  }

  private static void assertInvalid(String filter, String message) {
    assertThatThrownBy(() -> FilterParser.parse(filter, OCCURRENCE_FIELDS))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).isEqualTo(message);
            });
  }
}
