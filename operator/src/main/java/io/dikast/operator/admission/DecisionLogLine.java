package io.dikast.operator.admission;

import java.time.Duration;
import java.util.List;

/** The one log line per admission review: who asked for what, the outcome, and why in short. */
final class DecisionLogLine {

  // Long enough for one denial line with its image; the rest is in the audit log and the answer.
  private static final int MAX_FIRST_LINE = 300;

  private DecisionLogLine() {}

  static String of(
      AdmissionCall call,
      String object,
      String decision,
      Duration elapsed,
      List<String> denials,
      List<String> warnings) {
    StringBuilder line =
        new StringBuilder()
            .append("admission uid=")
            .append(call.uid())
            .append(" kind=")
            .append(call.kind())
            .append(" object=")
            .append(object)
            .append(" operation=")
            .append(call.request().getOperation())
            .append(" decision=")
            .append(decision)
            .append(" durationMs=")
            .append(elapsed.toMillis())
            .append(" denials=")
            .append(denials.size())
            .append(" warnings=")
            .append(warnings.size());
    List<String> reasons = denials.isEmpty() ? warnings : denials;
    if (!reasons.isEmpty()) {
      line.append(" first=\"").append(shortened(reasons.get(0))).append('"');
    }
    return line.toString();
  }

  private static String shortened(String text) {
    String oneLine = text.replace('\n', ' ').replace('"', '\'');
    return oneLine.length() <= MAX_FIRST_LINE
        ? oneLine
        : oneLine.substring(0, MAX_FIRST_LINE) + "…";
  }
}
