package io.dikast.engine.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "1h, PT1H",
    "30m, PT30M",
    "1h30m, PT1H30M",
    "90s, PT1M30S",
    "1.5h, PT1H30M",
    "250ms, PT0.25S"
  })
  void parsesKritisCronIntervals(String text, Duration expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"PT1H, 1h", "PT1H30M, 1h30m", "PT90S, 1m30s", "PT0.25S, 0.25s", "PT0S, 0s"})
  void formatsAsGoPrintsWithoutZeroParts(Duration duration, String expected) {
    assertThat(GoDuration.format(duration)).isEqualTo(expected);
  }

  @Test
  void refusesACronExpression() {
    assertThatThrownBy(() -> GoDuration.parse("0 * * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"0 * * * *\" is not a Go duration such as 1h, 30m or 1h30m");
  }
}
