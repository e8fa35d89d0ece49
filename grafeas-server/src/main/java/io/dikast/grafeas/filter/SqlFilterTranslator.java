package io.dikast.grafeas.filter;

import io.dikast.grafeas.filter.FilterExpression.And;
import io.dikast.grafeas.filter.FilterExpression.Comparison;
import io.dikast.grafeas.filter.FilterExpression.Or;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a filter into a parameterized WHERE condition over indexed columns, so values never
 * become SQL text and the database can use its indexes.
 */
public final class SqlFilterTranslator {

  private final Map<FilterField, String> columns;

  /**
   * @param columns the column each filterable field is stored in; the keys are the fields a filter
   *     may name
   */
  public SqlFilterTranslator(Map<FilterField, String> columns) {
    this.columns = Map.copyOf(columns);
  }

  /**
   * Parses and translates {@code filter}; an empty filter yields {@link SqlCondition#always()}.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a malformed filter
   */
  public SqlCondition translate(String filter) {
    return FilterParser.parse(filter, columns.keySet())
        .map(this::translate)
        .orElseGet(SqlCondition::always);
  }

  SqlCondition translate(FilterExpression expression) {
    List<String> parameters = new ArrayList<>();
    String sql = render(expression, parameters);
    return new SqlCondition(sql, parameters);
  }

  private String render(FilterExpression expression, List<String> parameters) {
    if (expression instanceof Comparison comparison) {
      parameters.add(comparison.value());
      return columns.get(comparison.field()) + " " + sqlOperator(comparison.operator()) + " ?";
    }
    if (expression instanceof And and) {
      return "(" + render(and.left(), parameters) + " AND " + render(and.right(), parameters) + ")";
    }
    Or or = (Or) expression;
    return "(" + render(or.left(), parameters) + " OR " + render(or.right(), parameters) + ")";
  }

  private static String sqlOperator(Operator operator) {
    return operator == Operator.EQUALS ? "=" : "<>";
  }
}
