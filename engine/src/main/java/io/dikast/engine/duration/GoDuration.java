package io.dikast.engine.duration;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's duration syntax, as Kubernetes users write durations (KritisConfig's {@code cronInterval}, a
 * policy's {@code cachedFactsMaxAge}): {@code 1h}, {@code 1h30m}, …
 */
public final class GoDuration {

  private static final Pattern WHOLE = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * @throws IllegalArgumentException when {@code text} is not a Go duration
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a Go duration such as 1h, 30m or 1h30m");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      nanos =
          nanos.add(
              new BigDecimal(part.group(1))
                  .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** {@code duration} as Go prints it, without zero parts: {@code 1h30m}, {@code 45s}. */
  public static String format(Duration duration) {
    StringBuilder text = new StringBuilder();
    append(text, duration.toHours(), "h");
    append(text, duration.toMinutesPart(), "m");
    long nanos = duration.toSecondsPart() * 1_000_000_000L + duration.toNanosPart();
    if (nanos != 0) {
      text.append(BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString()).append('s');
    }
    return text.length() == 0 ? "0s" : text.toString();
  }

  private static void append(StringBuilder text, long value, String unit) {
    if (value != 0) {
      text.append(value).append(unit);
    }
  }
}
