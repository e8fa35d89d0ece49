package io.dikast.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTest {

  private static SideBySide.Pair pair(int rate, double healthP99, double warmP99, long errors) {
    return new SideBySide.Pair(
        new LoadRow("health", rate, 5000, rate, 0, 0.3, 0.5, healthP99, 9.0),
        new LoadRow("warm", rate, 5000, rate, errors, 0.5, 0.8, warmP99, 12.0));
  }

  @Test
  void countsARunAsHeldOnlyWithinTheRatioAndWithoutErrors() {
    SideBySide table =
        new SideBySide(
            "warm",
            1.5,
            List.of(
                new SideBySide.Run(
                    1, "0.50", "0.90", List.of(pair(500, 2.0, 3.0), pair(1000, 2.0, 3.2))),
                new SideBySide.Run(
                    2, "0.90", "1.10", List.of(pair(500, 2.0, 2.0, 1), pair(1000, 2.0, 2.2)))));

    assertThat(table.held(500)).isEqualTo(1);
    assertThat(table.held(1000)).isEqualTo(1);
    assertThat(table.markdown())
        .contains("| 1 | 0.50 → 0.90 | 500 | 0.30 / 2.00 | 0.50 / 3.00 | 0 | 1.50 | yes |")
        .contains("| 1 | 0.50 → 0.90 | 1000 | 0.30 / 2.00 | 0.50 / 3.20 | 0 | 1.60 | **no** |")
        .contains("| 2 | 0.90 → 1.10 | 500 | 0.30 / 2.00 | 0.50 / 2.00 | 1 | 1.00 | **no** |")
        .contains("- at 500/s: within 1.50× in 1 of 2 runs")
        .contains("- at 1000/s: within 1.50× in 1 of 2 runs");
  }

  private static SideBySide.Pair pair(int rate, double healthP99, double warmP99) {
    return pair(rate, healthP99, warmP99, 0);
  }
}
