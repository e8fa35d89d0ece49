package io.dikast.bench.memory;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The memory section of the report: one row per moment, RSS marked against the 300 MB target. */
final class MemoryTable {

  /** Issue 9: operator RSS at most 300 MB (taken as 300 × 10^6 bytes) in the memory scenario. */
  static final long TARGET_RSS_KIB = 300_000_000L / 1024;

  private MemoryTable() {}

  static String markdown(List<MemoryPoint> points, Map<String, String> facts) {
    StringBuilder out =
        new StringBuilder(
            "\n## Memory: 1,000 policies, 1,000 authorities, 10,000 pods (operator, MiB)\n\n");
    facts.forEach(
        (key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
    out.append(
            "\n| moment | heap used after full GC | heap committed | metaspace committed | RSS"
                + " | of it anonymous / from files | peak RSS | RSS ≤ 300 MB |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (MemoryPoint point : points) {
      out.append(
          "| %s | %s | %s | %s | %s | %s / %s | %s | %s |\n"
              .formatted(
                  point.moment(),
                  mib(point.heap().usedKib()),
                  mib(point.heap().committedKib()),
                  mib(point.heap().metaspaceCommittedKib()),
                  mib(point.rssKib()),
                  mib(point.anonymousKib()),
                  mib(point.fileKib()),
                  mib(point.peakRssKib()),
                  point.rssKib() <= TARGET_RSS_KIB ? "met" : "**not met**"));
    }
    return out.toString();
  }

  private static String mib(long kib) {
    return String.format(Locale.ROOT, "%.0f", kib / 1024.0);
  }
}
