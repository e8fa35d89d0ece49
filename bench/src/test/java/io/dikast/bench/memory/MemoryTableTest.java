package io.dikast.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryTableTest {

  @Test
  void marksTheRssTargetOfThreeHundredMegabytesPerMoment() {
    List<MemoryPoint> points =
        List.of(
            new MemoryPoint(
                "policies Ready",
                new JvmMemory.Heap(102400, 204800, 65536),
                292968,
                245760,
                47208,
                300000),
            new MemoryPoint(
                "after 10,000 admissions",
                new JvmMemory.Heap(153600, 307200, 66560),
                292969,
                250880,
                42089,
                310000));

    String table = MemoryTable.markdown(points, Map.of("setup", "40 s"));

    assertThat(table)
        .contains("- setup: 40 s\n")
        .contains("| policies Ready | 100 | 200 | 64 | 286 | 240 / 46 | 293 | met |\n")
        .contains(
            "| after 10,000 admissions | 150 | 300 | 65 | 286 | 245 / 41 | 303 | **not met** |\n");
  }
}
