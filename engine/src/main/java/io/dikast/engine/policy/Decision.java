package io.dikast.engine.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admission decision for one workload, with what the edges need to report it.
 *
 * @param denials one line per image and policy that denies; see {@link DecisionMessages}
 * @param warnings one line per image and policy violated without denying (dry run, break-glass, an
 *     allowed backend outage), or passed only on attestations cached from before an outage
 * @param policyOutcomes every applicable policy's outcome, in {@link PolicyRef#ORDER}
 * @param auditAnnotations short entries for the AdmissionReview's {@code auditAnnotations}: {@code
 *     decision} ({@code allowed}|{@code denied}); {@code breakglass} when it was requested ({@code
 *     applied} when it bypassed a policy, {@code forbidden} when a policy with {@code breakglass:
 *     Deny} denied, {@code unused} otherwise); and, for each outcome other than PASSED that
 *     occurred, {@code denied-by}, {@code breakglass-bypassed}, {@code dry-run-violations}, {@code
 *     backend-outage-allowed} or {@code cached-facts-used} listing those policies as {@link
 *     PolicyRef#auditName()}, comma separated
 */
public record Decision(
    List<String> denials,
    List<String> warnings,
    Map<PolicyRef, PolicyOutcome> policyOutcomes,
    Map<String, String> auditAnnotations) {

  public Decision {
    denials = List.copyOf(denials);
    warnings = List.copyOf(warnings);
    policyOutcomes = Collections.unmodifiableMap(new LinkedHashMap<>(policyOutcomes));
    auditAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(auditAnnotations));
  }

  public boolean allowed() {
    return denials.isEmpty();
  }

  /** The policies that denied, so the webhook can count denials per policy. */
  public List<PolicyRef> deniedBy() {
    return policiesWith(PolicyOutcome.DENIED);
  }

  /** The policies whose violations break-glass turned into warnings. */
  public List<PolicyRef> breakglassBypassed() {
    return policiesWith(PolicyOutcome.BREAKGLASS_BYPASSED);
  }

  /**
   * Whether the workload is admitted only thanks to break-glass: the case to record as an event, a
   * metric and in the bypassed policies' status.
   */
  public boolean breakglassApplied() {
    return allowed() && !breakglassBypassed().isEmpty();
  }

  private List<PolicyRef> policiesWith(PolicyOutcome outcome) {
    return policiesWith(policyOutcomes, outcome);
  }

  static List<PolicyRef> policiesWith(
      Map<PolicyRef, PolicyOutcome> outcomes, PolicyOutcome outcome) {
    return outcomes.entrySet().stream()
        .filter(entry -> entry.getValue() == outcome)
        .map(Map.Entry::getKey)
        .toList();
  }
}
