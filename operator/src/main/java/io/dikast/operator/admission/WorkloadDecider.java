package io.dikast.operator.admission;

import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyEvaluator;
import io.dikast.engine.policy.VulnerabilityCheck;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision for one workload: the current policies of its namespace, the attestation and
 * vulnerability facts they need, and the engine's pure evaluation over them. Recomputed on every
 * call; only attestation facts are cached.
 */
@ApplicationScoped
public class WorkloadDecider {

  // Fail closed while the policy set is incomplete: a namespace may only look unprotected.
  static final Decision STARTING =
      new Decision(
          List.of(
              "Dikast has not loaded the cluster's image policies yet (the operator is starting);"
                  + " retry shortly"),
          List.of(),
          Map.of(),
          Map.of("decision", "denied", "reason", "policy-set-not-loaded"));

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final PolicySetView policies;
  private final FactResolver facts;
  private final VulnerabilityResolver vulnerabilities;

  public WorkloadDecider(
      PolicySetView policies, FactResolver facts, VulnerabilityResolver vulnerabilities) {
    this.policies = policies;
    this.facts = facts;
    this.vulnerabilities = vulnerabilities;
  }

  public Decision decide(Workload workload, Deadline deadline) {
    if (!policies.isLoaded()) {
      return STARTING;
    }
    return decide(workload, policies.snapshot(workload.namespace()), deadline);
  }

  /** The decision under {@code snapshot}, whatever the policy set holds; for the self-check. */
  Decision decide(Workload workload, NamespacePolicies snapshot, Deadline deadline) {
    List<Policy> applicable = snapshot.policies();
    Set<AttestationCheck> checks = evaluator.requiredChecks(workload, applicable);
    Set<VulnerabilityCheck> scans = evaluator.requiredVulnerabilityChecks(workload, applicable);
    // Asked first so that Grafeas answers both kinds of question within the one deadline.
    VulnerabilityResolver.Pending findings = vulnerabilities.start(scans, deadline);
    Map<AttestationCheck, AttestationFact> known =
        checks.isEmpty()
            ? Map.of()
            : facts.resolve(workload.namespace(), snapshot, checks, deadline);
    return evaluator.evaluate(workload, applicable, known, findings.facts(deadline));
  }
}
