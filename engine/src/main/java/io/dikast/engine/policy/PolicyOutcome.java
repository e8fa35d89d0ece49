package io.dikast.engine.policy;

/**
 * How one policy judged a workload, from best to worst; a policy's outcome is the worst over the
 * workload's images.
 */
public enum PolicyOutcome {
  PASSED(null),
  /**
   * Passed only by counting attestations verified before a backend outage, which the policy's
   * {@code onBackendUnavailable: UseCachedFacts} accepts; warned about.
   */
  CACHED_FACTS_USED("cached-facts-used"),
  /** Violated only by backend outages, which the policy's {@code onBackendUnavailable} allows. */
  BACKEND_OUTAGE_ALLOWED("backend-outage-allowed"),
  /** Violated, but the policy is in DryRun, so the violations were only warned about. */
  DRY_RUN_VIOLATION("dry-run-violations"),
  /** Violated, and break-glass turned the violations into warnings. */
  BREAKGLASS_BYPASSED("breakglass-bypassed"),
  DENIED("denied-by");

  private final String auditKey;

  PolicyOutcome(String auditKey) {
    this.auditKey = auditKey;
  }

  /** The audit annotation that lists the policies with this outcome; none for {@link #PASSED}. */
  String auditKey() {
    return auditKey;
  }

  PolicyOutcome worse(PolicyOutcome other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
