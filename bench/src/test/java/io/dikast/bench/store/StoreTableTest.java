package io.dikast.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreTableTest {

  @Test
  void givesOneRowPerStoreSizeAndQueryWithTheCreateRateOfThatStep() {
    List<StoreRow> rows =
        List.of(
            new StoreRow(
                "embedded H2", 10_000, 3137.4, "attestations", 2000, 0, 0.42, 0.61, 1.234, 150.2),
            new StoreRow(
                "PostgreSQL", 1_000_000, 18_800, "vulnerabilities", 2000, 3, 0.5, 1, 2, 3));

    String table = StoreTable.markdown(rows);

    assertThat(table)
        .contains(
            "| embedded H2 | 10,000 | 3,137 | attestations | 2000 | 0 | 0.42 | 0.61 | 1.23 | 150 |\n")
        .contains(
            "| PostgreSQL | 1,000,000 | 18,800 | vulnerabilities | 2000 | 3 | 0.50 | 1.00 | 2.00 | 3.00 |\n");
  }
}
