package io.dikast.operator.validation;

import java.util.Map;
import java.util.Optional;

/**
 * The label and annotation Kritis put on pods that no longer satisfy their policies, and the change
 * a verdict asks for. Pure, so which pods change is tested without a cluster.
 */
public final class PodMarks {

  /** Kritis' key, used for both the label (a selector) and the annotation (the reason). */
  public static final String KEY = "kritis.grafeas.io/invalidImageSecPolicy";

  public static final String LABEL_VALUE = "invalidImageSecPolicy";

  // Annotations are limited to 256 KiB per object; a pod with many images keeps a readable reason.
  static final int MAX_REASON_LENGTH = 2048;

  /** A pod's marks after a run, and whether the pod violates for the first time. */
  public record Change(boolean marked, String reason, boolean newlyViolating) {}

  private PodMarks() {}

  /** The change {@code verdict} asks for; empty when the pod's marks are already right. */
  public static Optional<Change> change(
      Map<String, String> labels, Map<String, String> annotations, PodVerdict verdict) {
    boolean labelled = LABEL_VALUE.equals(value(labels));
    String currentReason = value(annotations);
    if (verdict instanceof PodVerdict.Violating violating) {
      String reason = bounded(violating.reason());
      return labelled && reason.equals(currentReason)
          ? Optional.empty()
          : Optional.of(new Change(true, reason, !labelled));
    }
    if (verdict instanceof PodVerdict.Compliant) {
      return value(labels) == null && currentReason == null
          ? Optional.empty()
          : Optional.of(new Change(false, null, false));
    }
    return Optional.empty();
  }

  private static String value(Map<String, String> map) {
    return map == null ? null : map.get(KEY);
  }

  static String bounded(String reason) {
    return reason.length() <= MAX_REASON_LENGTH
        ? reason
        : reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
  }
}
