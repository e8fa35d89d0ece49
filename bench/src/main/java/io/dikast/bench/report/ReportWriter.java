package io.dikast.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown report: the machine, the JMH table with engine/bare ratios, the load table. */
public final class ReportWriter {

  private ReportWriter() {}

  public static String markdown(
      Map<String, String> machine, List<BenchmarkRow> benchmarks, List<LoadRow> load) {
    StringBuilder out = new StringBuilder("# Dikast benchmark report\n\n");
    machine.forEach(
        (key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
    if (!benchmarks.isEmpty()) {
      out.append("\n## JMH (average time per operation; ± is the 99.9 % confidence half-width)\n\n")
          .append(
              "| benchmark | params | µs/op | ± | engine/bare |\n| --- | --- | ---: | ---: | ---: |\n");
      for (BenchmarkRow row : benchmarks) {
        out.append(
            "| %s | %s | %s | %s | %s |\n"
                .formatted(
                    row.benchmark(),
                    row.params(),
                    number(row.micros()),
                    number(row.error()),
                    Overhead.of(row, benchmarks).map(Overhead::text).orElse("")));
      }
    }
    if (!load.isEmpty()) {
      out.append("\n## Webhook load (open loop; latency from the intended send time, ms)\n\n")
          .append(loadTable(load));
    }
    return out.toString();
  }

  /**
   * The load table: a row per scenario and rate, with its p99 as a ratio to the {@code health} row
   * at the same rate where there is one.
   */
  public static String loadTable(List<LoadRow> load) {
    StringBuilder out = new StringBuilder();
    out.append(
            "| scenario | rate/s | requests | achieved/s | errors | p50 | p90 | p99 | max |"
                + " p99 / health p99 |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    Map<Integer, LoadRow> health =
        load.stream()
            .filter(row -> row.scenario().equals("health"))
            .collect(Collectors.toMap(LoadRow::rate, row -> row, (a, b) -> a));
    for (LoadRow row : load) {
      LoadRow baseline = health.get(row.rate());
      out.append(
          "| %s | %d | %d | %s | %d | %s | %s | %s | %s | %s |\n"
              .formatted(
                  row.scenario(),
                  row.rate(),
                  row.requests(),
                  number(row.achieved()),
                  row.errors(),
                  number(row.p50()),
                  number(row.p90()),
                  number(row.p99()),
                  number(row.max()),
                  baseline == null ? "" : number(row.p99() / baseline.p99())));
    }
    return out.toString();
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
  }
}
