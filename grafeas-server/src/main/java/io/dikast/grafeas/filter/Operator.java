package io.dikast.grafeas.filter;

/** A comparison operator of the filter language. */
public enum Operator {
  EQUALS("="),
  NOT_EQUALS("!=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
