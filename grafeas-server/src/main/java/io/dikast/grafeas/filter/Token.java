package io.dikast.grafeas.filter;

/**
 * A lexical token of a filter.
 *
 * @param position 1-based position of the token's first character in the filter
 */
record Token(Type type, String text, int position) {

  enum Type {
    WORD,
    STRING,
    EQUALS,
    NOT_EQUALS,
    LEFT_PAREN,
    RIGHT_PAREN,
    END
  }

  boolean isKeyword(String keyword) {
    return type == Type.WORD && text.equals(keyword);
  }
}
