package io.dikast.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * Repeated side-by-side runs of the trivial endpoint and one scenario at the same rates: a row per
 * run and rate with both p99s and their ratio, then how many runs kept the ratio within the target
 * at each rate.
 *
 * @param target the largest acceptable scenario p99 / health p99, e.g. 1.5
 */
public record SideBySide(String scenario, double target, List<Run> runs) {

  /**
   * One repetition: the pairs measured back to back, and the 1-minute load average around them.
   *
   * @param pairs each a health row and a scenario row at the same rate
   */
  public record Run(int number, String loadBefore, String loadAfter, List<Pair> pairs) {}

  /** The trivial endpoint and the scenario at one rate, measured one right after the other. */
  public record Pair(LoadRow health, LoadRow scenario) {

    public double ratio() {
      return scenario.p99() / health.p99();
    }

    boolean clean() {
      return health.errors() == 0 && scenario.errors() == 0;
    }
  }

  public String markdown() {
    StringBuilder out =
        new StringBuilder(
                "| run | load before → after | rate/s | health p50 / p99 | %s p50 / p99 | errors |"
                        .formatted(scenario)
                    + " p99 ratio | ≤ %s× |\n".formatted(number(target)))
            .append("| ---: | --- | ---: | --- | --- | ---: | ---: | --- |\n");
    for (Run run : runs) {
      for (Pair pair : run.pairs()) {
        out.append(
            "| %d | %s → %s | %d | %s / %s | %s / %s | %d | %s | %s |\n"
                .formatted(
                    run.number(),
                    run.loadBefore(),
                    run.loadAfter(),
                    pair.health().rate(),
                    number(pair.health().p50()),
                    number(pair.health().p99()),
                    number(pair.scenario().p50()),
                    number(pair.scenario().p99()),
                    pair.health().errors() + pair.scenario().errors(),
                    number(pair.ratio()),
                    holds(pair) ? "yes" : "**no**"));
      }
    }
    out.append('\n');
    runs.stream()
        .flatMap(run -> run.pairs().stream())
        .map(pair -> pair.health().rate())
        .distinct()
        .forEach(
            rate ->
                out.append(
                    "- at %d/s: within %s× in %d of %d runs\n"
                        .formatted(rate, number(target), held(rate), runs.size())));
    return out.toString();
  }

  /** Runs whose pair at {@code rate} kept the ratio within the target with no errors. */
  public long held(int rate) {
    return runs.stream()
        .flatMap(run -> run.pairs().stream())
        .filter(pair -> pair.health().rate() == rate)
        .filter(this::holds)
        .count();
  }

  private boolean holds(Pair pair) {
    return pair.clean() && pair.ratio() <= target;
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
