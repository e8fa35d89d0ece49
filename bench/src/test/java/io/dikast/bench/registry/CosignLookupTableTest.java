package io.dikast.bench.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CosignLookupTableTest {

  @Test
  void givesOneRowPerRegistryAndImageWithTheWarmUpAndTimedCounts() {
    String table =
        CosignLookupTable.markdown(
            List.of(
                new CosignLookupRow("plain HTTP", "signed", 1_000, 0, 10.7, 17.26, 24.744, 33.5),
                new CosignLookupRow("TLS", "unsigned", 1_000, 2, 11, 18, 28, 110)),
            100,
            1_000);

    assertThat(table)
        .contains("100 lookups warm up first; 1000 are timed.")
        .contains("| plain HTTP | signed | 1,000 | 0 | 10.70 | 17.26 | 24.74 | 33.50 |\n")
        .contains("| TLS | unsigned | 1,000 | 2 | 11.00 | 18.00 | 28.00 | 110.00 |\n");
  }
}
