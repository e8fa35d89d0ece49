package io.dikast.grafeas.filter;

/** The syntax tree of a parsed filter. */
public sealed interface FilterExpression
    permits FilterExpression.Comparison, FilterExpression.And, FilterExpression.Or {

  /** {@code field operator "value"}. */
  record Comparison(FilterField field, Operator operator, String value)
      implements FilterExpression {}

  record And(FilterExpression left, FilterExpression right) implements FilterExpression {}

  record Or(FilterExpression left, FilterExpression right) implements FilterExpression {}
}
