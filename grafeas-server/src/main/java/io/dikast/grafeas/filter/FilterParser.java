package io.dikast.grafeas.filter;

import io.dikast.grafeas.filter.FilterExpression.And;
import io.dikast.grafeas.filter.FilterExpression.Comparison;
import io.dikast.grafeas.filter.FilterExpression.Or;
import io.dikast.grafeas.filter.Token.Type;
import io.grafeas.v1.NoteKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for the subset of the Grafeas (AIP-160) filter language the store
 * serves.
 *
 * <pre>
 * filter     := expression END
 * expression := factor { "AND" factor }
 * factor     := term { "OR" term }
 * term       := "(" expression ")" | comparison
 * comparison := FIELD ( "=" | "!=" ) STRING      (a bare word is accepted for kind)
 * </pre>
 *
 * <p>As in AIP-160, {@code OR} binds tighter than {@code AND}: {@code a AND b OR c} means {@code a
 * AND (b OR c)}.
 */
public final class FilterParser {

  private final List<Token> tokens;
  private final Set<FilterField> allowedFields;
  private int index;

  private FilterParser(List<Token> tokens, Set<FilterField> allowedFields) {
    this.tokens = tokens;
    this.allowedFields = allowedFields;
  }

  /**
   * Parses {@code filter}; empty (or blank) means no filter.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming the position and what was
   *     expected
   */
  public static Optional<FilterExpression> parse(String filter, Set<FilterField> allowedFields) {
    if (filter.isBlank()) {
      return Optional.empty();
    }
    FilterParser parser = new FilterParser(FilterLexer.tokenize(filter), allowedFields);
    FilterExpression expression = parser.expression();
    Token end = parser.peek();
    if (end.type() != Type.END) {
      throw FilterSyntaxError.at(end.position(), "expected AND, OR or end of filter");
    }
    return Optional.of(expression);
  }

  private FilterExpression expression() {
    FilterExpression left = factor();
    while (peek().isKeyword("AND")) {
      index++;
      left = new And(left, factor());
    }
    return left;
  }

  private FilterExpression factor() {
    FilterExpression left = term();
    while (peek().isKeyword("OR")) {
      index++;
      left = new Or(left, term());
    }
    return left;
  }

  private FilterExpression term() {
    if (peek().type() != Type.LEFT_PAREN) {
      return comparison();
    }
    index++;
    FilterExpression inner = expression();
    Token close = next();
    if (close.type() != Type.RIGHT_PAREN) {
      throw FilterSyntaxError.at(close.position(), "expected ')'");
    }
    return inner;
  }

  private Comparison comparison() {
    FilterField field = field();
    Token operator = next();
    Operator op;
    if (operator.type() == Type.EQUALS) {
      op = Operator.EQUALS;
    } else if (operator.type() == Type.NOT_EQUALS) {
      op = Operator.NOT_EQUALS;
    } else {
      throw FilterSyntaxError.at(operator.position(), "expected '=' or '!='");
    }
    return new Comparison(field, op, value(field));
  }

  private FilterField field() {
    Token token = next();
    if (token.type() != Type.WORD || token.isKeyword("AND") || token.isKeyword("OR")) {
      throw FilterSyntaxError.at(token.position(), "expected a field name");
    }
    return FilterField.bySpelling(token.text())
        .filter(allowedFields::contains)
        .orElseThrow(
            () -> FilterSyntaxError.at(token.position(), "unknown field '" + token.text() + "'"));
  }

  private String value(FilterField field) {
    Token token = next();
    if (field == FilterField.KIND) {
      return kind(token);
    }
    if (token.type() != Type.STRING) {
      throw FilterSyntaxError.at(token.position(), "expected a double-quoted string");
    }
    return token.text();
  }

  private static String kind(Token token) {
    if (token.type() != Type.STRING && token.type() != Type.WORD) {
      throw FilterSyntaxError.at(token.position(), "expected a note kind");
    }
    for (NoteKind kind : NoteKind.values()) {
      if (kind != NoteKind.UNRECOGNIZED && kind.name().equals(token.text())) {
        return token.text();
      }
    }
    throw FilterSyntaxError.at(token.position(), "unknown kind '" + token.text() + "'");
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.type() != Type.END) {
      index++;
    }
    return token;
  }
}
