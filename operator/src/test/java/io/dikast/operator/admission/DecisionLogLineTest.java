package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogLineTest {

  private final AdmissionCall call =
      AdmissionReviewReader.read(
          AdmissionReviews.create("", "v1", "Pod")
              .uid("u-1")
              .namespace("payments")
              .object(AdmissionReviews.pod("payment", PAYMENT))
              .json());

  @Test
  void summarisesADenialOnOneLineWithItsFirstReason() {
    String line =
        DecisionLogLine.of(
            call,
            "payments/payment",
            "denied",
            Duration.ofMillis(42),
            List.of("image a denied by \"x\":\nr1", "image b denied by x: r2"),
            List.of());

    assertThat(line)
        .isEqualTo(
            "admission uid=u-1 kind=Pod object=payments/payment operation=CREATE decision=denied"
                + " durationMs=42 denials=2 warnings=0 first=\"image a denied by 'x': r1\"");
  }

  @Test
  void quotesTheFirstWarningWhenNothingDenied() {
    String line =
        DecisionLogLine.of(
            call, "payments/payment", "allowed", Duration.ofMillis(3), List.of(), List.of("w"));

    assertThat(line).endsWith("decision=allowed durationMs=3 denials=0 warnings=1 first=\"w\"");
  }

  @Test
  void shortensAVeryLongReason() {
    String line =
        DecisionLogLine.of(
            call, "p/p", "denied", Duration.ZERO, List.of("x".repeat(1000)), List.of());

    assertThat(line).endsWith("first=\"" + "x".repeat(300) + "…\"");
  }
}
