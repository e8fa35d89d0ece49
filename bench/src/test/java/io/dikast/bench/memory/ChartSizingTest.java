package io.dikast.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartSizingTest {

  @Test
  void turnsTheContainerLimitsIntoTheJvmFlagsThatStandForThem() {
    ChartSizing sizing = new ChartSizing("512Mi", "500m", " -XX:+UseSerialGC\n-Xss512k ", 2);

    assertThat(sizing.jvmArguments())
        .containsExactly(
            "-XX:MaxRAM=512m", "-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-Xss512k");
    assertThat(sizing.environment()).containsExactly(Map.entry("MALLOC_ARENA_MAX", "2"));
    assertThat(ChartSizing.maxRam("1Gi")).isEqualTo("1024m");
    assertThat(ChartSizing.processors("1500m")).isEqualTo(2);
    assertThat(ChartSizing.processors("2")).isEqualTo(2);
    assertThatThrownBy(() -> ChartSizing.maxRam("512M"))
        .hasMessage("unsupported memory limit 512M");
  }

  @Test
  void readsTheChartsOwnOperatorSettings() throws Exception {
    ChartSizing chart = ChartSizing.read(Path.of("..").toAbsolutePath().normalize());

    assertThat(chart.memoryLimit()).isEqualTo("512Mi");
    assertThat(chart.jvmArguments()).contains("-XX:MaxRAM=512m", "-XX:+ExitOnOutOfMemoryError");
    assertThat(chart.mallocArenaMax()).isPositive();
  }
}
