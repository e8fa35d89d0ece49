package io.dikast.engine.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image allowlist pattern: {@code *} matches any characters within one path segment (no {@code
 * /}), {@code **} matches across segments, everything else is literal. A pattern must match the
 * whole image reference as written (a leading {@code https://} is ignored), never a prefix or a
 * suffix of it, so {@code gcr.io/google-containers/*} exempts {@code
 * gcr.io/google-containers/pause:3.9} but not {@code gcr.io/google-containers/a/b} nor {@code
 * evil.io/gcr.io/google-containers/pause}.
 */
public final class AllowlistPattern {

  private static final String SCHEME = "https://";

  private final String pattern;
  private final Pattern regex;

  private AllowlistPattern(String pattern, Pattern regex) {
    this.pattern = pattern;
    this.regex = regex;
  }

  public static AllowlistPattern compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    return new AllowlistPattern(pattern, Pattern.compile(toRegex(stripScheme(pattern.strip()))));
  }

  /** Whether {@code image}, as written in the manifest, is exempt under this pattern. */
  public boolean matches(String image) {
    return regex.matcher(stripScheme(image.strip())).matches();
  }

  private static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    int literalStart = 0;
    int i = 0;
    while (i < pattern.length()) {
      if (pattern.charAt(i) != '*') {
        i++;
        continue;
      }
      appendLiteral(regex, pattern.substring(literalStart, i));
      boolean acrossSegments = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
      regex.append(acrossSegments ? ".*" : "[^/]*");
      i += acrossSegments ? 2 : 1;
      literalStart = i;
    }
    appendLiteral(regex, pattern.substring(literalStart));
    return regex.toString();
  }

  private static void appendLiteral(StringBuilder regex, String literal) {
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal));
    }
  }

  private static String stripScheme(String text) {
    return text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        ? text.substring(SCHEME.length())
        : text;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
