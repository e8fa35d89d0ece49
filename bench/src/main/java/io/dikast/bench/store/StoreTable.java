package io.dikast.bench.store;

import java.util.List;
import java.util.Locale;

/** The Grafeas server section of the report. */
final class StoreTable {

  private StoreTable() {}

  static String markdown(List<StoreRow> rows) {
    StringBuilder out =
        new StringBuilder(
            "\n## Grafeas server: batch create and list by resource (REST, one client, ms)\n\n");
    out.append(
            "| store | occurrences | batch create /s | query | lists | errors | p50 | p90 | p99 |"
                + " max |\n")
        .append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (StoreRow row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,.0f | %s | %d | %d | %s | %s | %s | %s |\n",
              row.store(),
              row.occurrences(),
              row.createPerSecond(),
              row.query(),
              row.lists(),
              row.errors(),
              number(row.p50()),
              number(row.p90()),
              number(row.p99()),
              number(row.max())));
    }
    return out.toString();
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
  }
}
