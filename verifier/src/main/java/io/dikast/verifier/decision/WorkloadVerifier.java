package io.dikast.verifier.decision;

import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyEvaluator;
import io.dikast.engine.policy.VulnerabilityCheck;
import io.dikast.engine.policy.VulnerabilityFact;
import io.dikast.engine.workload.Workload;
import io.dikast.verifier.attestation.AttestationFacts;
import io.dikast.verifier.attestation.AuthorityFacts;
import io.dikast.verifier.attestation.VulnerabilityFacts;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.VulnerabilitySource;
import io.grpc.Deadline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision for one workload outside the cluster: the facts its policies need, asked one after
 * the other without a cache, and the engine's evaluation over them. The webhook asks the same
 * questions in parallel and caches answers; the facts and messages are the same.
 */
public final class WorkloadVerifier {

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final AttestationSource attestations;
  private final VulnerabilitySource vulnerabilities;

  public WorkloadVerifier(AttestationSource attestations, VulnerabilitySource vulnerabilities) {
    this.attestations = attestations;
    this.vulnerabilities = vulnerabilities;
  }

  /**
   * @param policies the policies of the workload's namespace
   * @param authorities the authorities of that namespace by name
   */
  public Decision decide(
      Workload workload,
      List<Policy> policies,
      Map<String, KnownAuthority> authorities,
      Deadline deadline) {
    Map<AttestationCheck, AttestationFact> facts = new LinkedHashMap<>();
    for (AttestationCheck check : evaluator.requiredChecks(workload, policies)) {
      facts.put(check, fact(workload.namespace(), authorities, check, deadline));
    }
    Map<VulnerabilityCheck, VulnerabilityFact> findings = new LinkedHashMap<>();
    for (VulnerabilityCheck check : evaluator.requiredVulnerabilityChecks(workload, policies)) {
      findings.put(check, VulnerabilityFacts.find(vulnerabilities, check.image(), deadline));
    }
    return evaluator.evaluate(workload, policies, facts, findings);
  }

  private AttestationFact fact(
      String namespace,
      Map<String, KnownAuthority> authorities,
      AttestationCheck check,
      Deadline deadline) {
    KnownAuthority authority = authorities.get(check.authorityName());
    if (authority == null) {
      return AuthorityFacts.undefined(check.authorityName(), namespace);
    }
    if (authority.keys().isEmpty()) {
      return AuthorityFacts.withoutKeys(authority.name(), authority.ready());
    }
    return AttestationFacts.find(
        attestations, authority.noteName(), authority.keys(), check.image(), deadline);
  }
}
