package io.dikast.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.PolicyRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodMarksTest {

  private static final PolicyRef QA =
      new PolicyRef(PolicyKind.IMAGE_SECURITY_POLICY, "payments", "qa-only");
  private static final PodVerdict VIOLATING =
      new PodVerdict.Violating("no attestation", List.of(QA));
  private static final Map<String, String> MARKED_LABELS =
      Map.of(PodMarks.KEY, PodMarks.LABEL_VALUE, "app", "payment");
  private static final Map<String, String> MARKED_ANNOTATIONS =
      Map.of(PodMarks.KEY, "no attestation");

  @Test
  void marksAnUnmarkedViolatingPodAsNewlyViolating() {
    assertThat(PodMarks.change(Map.of("app", "payment"), null, VIOLATING))
        .contains(new PodMarks.Change(true, "no attestation", true));
  }

  @Test
  void updatesTheReasonOfAMarkedPodWithoutCallingItNew() {
    assertThat(
            PodMarks.change(
                MARKED_LABELS,
                MARKED_ANNOTATIONS,
                new PodVerdict.Violating("1 vulnerability above MEDIUM", List.of(QA))))
        .contains(new PodMarks.Change(true, "1 vulnerability above MEDIUM", false));
  }

  @Test
  void leavesAPodMarkedWithTheSameReasonUnchanged() {
    assertThat(PodMarks.change(MARKED_LABELS, MARKED_ANNOTATIONS, VIOLATING)).isEmpty();
  }

  @Test
  void clearsBothMarksOfAPodThatCompliesAgain() {
    assertThat(PodMarks.change(MARKED_LABELS, MARKED_ANNOTATIONS, new PodVerdict.Compliant()))
        .contains(new PodMarks.Change(false, null, false));
  }

  @Test
  void clearsALeftoverAnnotationWithoutTheLabel() {
    assertThat(PodMarks.change(Map.of(), MARKED_ANNOTATIONS, new PodVerdict.Compliant()))
        .contains(new PodMarks.Change(false, null, false));
  }

  @Test
  void leavesACompliantUnmarkedPodUnchanged() {
    assertThat(PodMarks.change(Map.of("app", "payment"), Map.of(), new PodVerdict.Compliant()))
        .isEmpty();
  }

  @Test
  void neverChangesMarksWhenGrafeasDidNotAnswer() {
    assertThat(
            PodMarks.change(
                MARKED_LABELS, MARKED_ANNOTATIONS, new PodVerdict.Unknown("connection refused")))
        .isEmpty();
    assertThat(PodMarks.change(Map.of(), Map.of(), new PodVerdict.Unknown("connection refused")))
        .isEmpty();
  }

  @Test
  void boundsAVeryLongReason() {
    String reason = "x".repeat(PodMarks.MAX_REASON_LENGTH + 10);

    PodMarks.Change change =
        PodMarks.change(Map.of(), Map.of(), new PodVerdict.Violating(reason, List.of(QA)))
            .orElseThrow();

    assertThat(change.reason()).hasSize(PodMarks.MAX_REASON_LENGTH).endsWith("x…");
  }
}
