package io.dikast.crds.v1beta1;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Folds a deprecated Kritis spelling into its current name. */
final class Aliases {

  private Aliases() {}

  /** The current list followed by the entries only the deprecated list names, without repeats. */
  static <T> List<T> union(List<T> current, List<T> deprecated) {
    if (deprecated == null || deprecated.isEmpty()) {
      return current;
    }
    LinkedHashSet<T> merged = new LinkedHashSet<>();
    if (current != null) {
      merged.addAll(current);
    }
    merged.addAll(deprecated);
    return new ArrayList<>(merged);
  }

  static <T> T preferCurrent(T current, T deprecated) {
    return current != null ? current : deprecated;
  }
}
