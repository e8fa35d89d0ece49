package io.dikast.grafeas.filter;

import io.dikast.grafeas.filter.Token.Type;
import java.util.ArrayList;
import java.util.List;

/** Splits a filter into tokens: words, double-quoted strings, operators and parentheses. */
final class FilterLexer {

  private final String input;
  private int index;

  private FilterLexer(String input) {
    this.input = input;
  }

  static List<Token> tokenize(String input) {
    return new FilterLexer(input).tokens();
  }

  private List<Token> tokens() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (index >= input.length()) {
        tokens.add(new Token(Type.END, "", index + 1));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = index;
    char c = input.charAt(index);
    if (c == '=') {
      index++;
      return new Token(Type.EQUALS, "=", start + 1);
    }
    if (c == '!' && input.startsWith("!=", index)) {
      index += 2;
      return new Token(Type.NOT_EQUALS, "!=", start + 1);
    }
    if (c == '(' || c == ')') {
      index++;
      return new Token(c == '(' ? Type.LEFT_PAREN : Type.RIGHT_PAREN, String.valueOf(c), start + 1);
    }
    if (c == '"') {
      return string();
    }
    if (isWordCharacter(c)) {
      while (index < input.length() && isWordCharacter(input.charAt(index))) {
        index++;
      }
      return new Token(Type.WORD, input.substring(start, index), start + 1);
    }
    throw FilterSyntaxError.at(start + 1, "unexpected character '" + c + "'");
  }

  private Token string() {
    int start = index;
    StringBuilder value = new StringBuilder();
    index++;
    while (index < input.length()) {
      char c = input.charAt(index++);
      if (c == '"') {
        return new Token(Type.STRING, value.toString(), start + 1);
      }
      if (c == '\\') {
        if (index >= input.length()) {
          break;
        }
        char escaped = input.charAt(index++);
        if (escaped != '"' && escaped != '\\') {
          throw FilterSyntaxError.at(index - 1, "unsupported escape '\\" + escaped + "'");
        }
        c = escaped;
      }
      value.append(c);
    }
    throw FilterSyntaxError.at(start + 1, "unterminated string");
  }

  private void skipWhitespace() {
    while (index < input.length() && Character.isWhitespace(input.charAt(index))) {
      index++;
    }
  }

  private static boolean isWordCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }
}
