package io.dikast.bench.registry;

import java.util.List;
import java.util.Locale;

/** The cosign lookup section of the report. */
final class CosignLookupTable {

  private CosignLookupTable() {}

  static String markdown(List<CosignLookupRow> rows, int warmUp, int lookups) {
    StringBuilder out =
        new StringBuilder(
            "\n## Cosign signature lookups against docker-registry on loopback (one at a time, ms)\n\n"
                + "Each lookup is what an admission missing the cache pays for one image: a new"
                + " HTTP client, the `.sig` tag, its manifest and payload blob, the signature check."
                + " "
                + warmUp
                + " lookups warm up first; "
                + lookups
                + " are timed.\n\n");
    out.append("| registry | image | lookups | errors | p50 | p90 | p99 | max |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (CosignLookupRow row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %d | %.2f | %.2f | %.2f | %.2f |\n",
              row.registry(),
              row.image(),
              row.lookups(),
              row.errors(),
              row.p50(),
              row.p90(),
              row.p99(),
              row.max()));
    }
    return out.toString();
  }
}
