package io.dikast.operator.admission;

import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyEvaluator;
import io.dikast.engine.policy.VulnerabilityCheck;
import io.dikast.engine.workload.PodSpecKind;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

  /** Whether the policy set is complete; until then every decision is {@link #STARTING}. */
  public boolean isLoaded() {
    return policies.isLoaded();
  }

  /** Where the policies of {@code namespace} say kinds without a built-in model keep pods. */
  public List<PodSpecKind> podSpecKinds(String namespace) {
    return policies.snapshot(namespace).podSpecKinds();
  }

  /** The decision; waits for Grafeas until {@code deadline} at most. */
  public Decision decide(Workload workload, Deadline deadline) {
    return await(decideAsync(workload, deadline));
  }

  /**
   * As {@link #decide}, without a thread waiting for Grafeas: complete at once when every fact is
   * cached, otherwise on the thread of the last answer (or of the deadline).
   */
  public CompletableFuture<Decision> decideAsync(Workload workload, Deadline deadline) {
    if (!policies.isLoaded()) {
      return CompletableFuture.completedFuture(STARTING);
    }
    return decideAsync(workload, policies.snapshot(workload.namespace()), deadline);
  }

  /** The decision under {@code snapshot}, whatever the policy set holds; for the self-check. */
  Decision decide(Workload workload, NamespacePolicies snapshot, Deadline deadline) {
    return await(decideAsync(workload, snapshot, deadline));
  }

  private CompletableFuture<Decision> decideAsync(
      Workload workload, NamespacePolicies snapshot, Deadline deadline) {
    List<Policy> applicable = snapshot.policies();
    Set<AttestationCheck> checks = evaluator.requiredChecks(workload, applicable);
    Set<VulnerabilityCheck> scans = evaluator.requiredVulnerabilityChecks(workload, applicable);
    // Asked first so that Grafeas answers both kinds of question within the one deadline.
    VulnerabilityResolver.Pending findings = vulnerabilities.start(scans, deadline);
    CompletableFuture<Map<AttestationCheck, AttestationFact>> known =
        checks.isEmpty()
            ? CompletableFuture.completedFuture(Map.of())
            : facts.resolveAsync(
                workload.namespace(), workload.pullSecrets(), snapshot, checks, deadline);
    return known.thenCombine(
        findings.factsAsync(deadline),
        (attested, reported) -> evaluator.evaluate(workload, applicable, attested, reported));
  }

  // The caller sees the evaluation's own exception, as if it had run on its thread.
  private static Decision await(CompletableFuture<Decision> decision) {
    try {
      return decision.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
