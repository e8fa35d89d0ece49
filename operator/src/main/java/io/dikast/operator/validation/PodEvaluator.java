package io.dikast.operator.validation;

import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyEvaluator;
import io.dikast.engine.policy.VulnerabilityCheck;
import io.dikast.engine.policy.VulnerabilityFact;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.grpc.Deadline;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Judges one running pod as admission would judge it today: the same engine, the same fact
 * resolution, with the Grafeas requests it will make paced (a cached fact takes no permit). Unlike
 * admission it tells an outage apart from a violation, so that an unreachable Grafeas never marks a
 * pod.
 */
final class PodEvaluator {

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final FactResolver facts;
  private final VulnerabilityResolver vulnerabilities;
  private final Pacer pacer;

  PodEvaluator(FactResolver facts, VulnerabilityResolver vulnerabilities, Pacer pacer) {
    this.facts = facts;
    this.vulnerabilities = vulnerabilities;
    this.pacer = pacer;
  }

  PodVerdict judge(Workload pod, NamespacePolicies snapshot, Deadline deadline)
      throws InterruptedException {
    List<Policy> applicable = snapshot.policies();
    Set<AttestationCheck> checks = evaluator.requiredChecks(pod, applicable);
    Set<VulnerabilityCheck> scans = evaluator.requiredVulnerabilityChecks(pod, applicable);
    // Vulnerability findings are never cached, so every scan asks Grafeas.
    pacer.acquire(facts.uncached(snapshot, checks) + scans.size());
    VulnerabilityResolver.Pending findings = vulnerabilities.start(scans, deadline);
    Map<AttestationCheck, AttestationFact> known =
        checks.isEmpty()
            ? Map.of()
            : facts.resolve(pod.namespace(), pod.pullSecrets(), snapshot, checks, deadline);
    Map<VulnerabilityCheck, VulnerabilityFact> reported = findings.facts(deadline);
    Optional<String> outage = outage(known, reported);
    if (outage.isPresent()) {
      return new PodVerdict.Unknown(outage.get());
    }
    Decision decision = evaluator.evaluate(pod, applicable, known, reported);
    return decision.allowed()
        ? new PodVerdict.Compliant()
        : new PodVerdict.Violating(String.join("; ", decision.denials()), decision.deniedBy());
  }

  private static Optional<String> outage(
      Map<AttestationCheck, AttestationFact> known,
      Map<VulnerabilityCheck, VulnerabilityFact> reported) {
    return Stream.concat(
            known.values().stream()
                .filter(AttestationFact.Unavailable.class::isInstance)
                .map(fact -> ((AttestationFact.Unavailable) fact).reason()),
            reported.values().stream()
                .filter(VulnerabilityFact.Unavailable.class::isInstance)
                .map(fact -> ((VulnerabilityFact.Unavailable) fact).reason()))
        .findFirst();
  }
}
