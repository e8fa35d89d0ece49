package io.dikast.engine.image;

/** A text that the distribution reference grammar refuses, with why in words a user can act on. */
public final class InvalidImageReferenceException extends IllegalArgumentException {

  private static final int MAX_QUOTE = 300;

  private final String reason;

  InvalidImageReferenceException(String text, String reason) {
    super("invalid image reference " + quote(text) + " (" + reason + ")");
    this.reason = reason;
  }

  /** Why the grammar refused it, e.g. {@code it has surrounding whitespace}. */
  public String reason() {
    return reason;
  }

  // The text is untrusted: it goes into one-line denials and logs.
  private static String quote(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return "\""
        + (oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE) + "…")
        + "\"";
  }
}
