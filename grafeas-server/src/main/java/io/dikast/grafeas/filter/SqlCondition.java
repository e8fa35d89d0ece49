package io.dikast.grafeas.filter;

import java.util.List;

/**
 * A SQL boolean expression with {@code ?} placeholders and the values to bind to them, in order.
 */
public record SqlCondition(String sql, List<String> parameters) {

  public SqlCondition {
    parameters = List.copyOf(parameters);
  }

  /** The condition that holds for every row. */
  public static SqlCondition always() {
    return new SqlCondition("1 = 1", List.of());
  }
}
