package io.dikast.e2e;

/** Closes a suite's processes and cluster objects, in the order given, whatever fails. */
final class Closeables {

  private Closeables() {}

  /**
   * Skips nulls (what a failed start left unset); the first failure is thrown, others suppressed.
   */
  static void closeAll(AutoCloseable... resources) {
    RuntimeException failure = null;
    for (AutoCloseable resource : resources) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        // Keep closing: a process or webhook configuration left behind would outlive the suite
        // and fail later tests' workloads.
        if (failure == null) {
          failure = new IllegalStateException("cannot close " + resource, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
