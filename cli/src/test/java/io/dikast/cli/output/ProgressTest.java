package io.dikast.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void announcesAStepThatOutlastsTheThreshold() {
    StringWriter err = new StringWriter();
    Progress progress = new Progress(new PrintWriter(err), true, Duration.ZERO);

    try (Progress.Step step = progress.step("uploading the attestation")) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> err.toString().equals("dikast: uploading the attestation…\n"));
    }
  }

  @Test
  void staysSilentForAStepThatEndsBeforeTheThreshold() {
    StringWriter err = new StringWriter();
    Progress progress = new Progress(new PrintWriter(err), true, Duration.ofHours(1));

    try (Progress.Step step = progress.step("uploading the attestation")) {
      assertThat(step).isNotNull();
    }

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void neverAnnouncesInJsonMode() {
    StringWriter err = new StringWriter();
    Progress progress = Progress.on(new PrintWriter(err), OutputFormat.JSON);

    progress.step("uploading the attestation").close();

    assertThat(err.toString()).isEmpty();
  }
}
