package io.dikast.operator.admission;

import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyEvaluator;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.verification.FactResolver;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision for one workload: the current policies of its namespace, the attestation facts they
 * need, and the engine's pure evaluation over both. Recomputed on every call; only facts are
 * cached.
 */
@ApplicationScoped
public class WorkloadDecider {

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final PolicySetView policies;
  private final FactResolver facts;

  public WorkloadDecider(PolicySetView policies, FactResolver facts) {
    this.policies = policies;
    this.facts = facts;
  }

  public Decision decide(Workload workload, Deadline deadline) {
    NamespacePolicies snapshot = policies.snapshot(workload.namespace());
    List<Policy> applicable = snapshot.policies();
    Set<AttestationCheck> checks = evaluator.requiredChecks(workload, applicable);
    Map<AttestationCheck, AttestationFact> known =
        checks.isEmpty()
            ? Map.of()
            : facts.resolve(workload.namespace(), snapshot, checks, deadline);
    return evaluator.evaluate(workload, applicable, known);
  }
}
