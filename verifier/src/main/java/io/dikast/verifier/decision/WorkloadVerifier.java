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
import io.dikast.verifier.attestation.CosignFacts;
import io.dikast.verifier.attestation.EitherSource;
import io.dikast.verifier.attestation.ProvenanceFacts;
import io.dikast.verifier.attestation.VulnerabilityFacts;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.ProvenanceSource;
import io.dikast.verifier.grafeas.VulnerabilitySource;
import io.dikast.verifier.registry.CosignSignatureSource;
import io.dikast.verifier.registry.RegistryCredentials;
import io.grpc.Deadline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision for one workload outside the cluster: the facts its policies need, asked one after
 * the other without a cache, and the engine's evaluation over them. The webhook asks the same
 * questions in parallel and caches answers; the facts and messages are the same.
 */
public final class WorkloadVerifier {

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final AttestationSource attestations;
  private final ProvenanceSource builds;
  private final VulnerabilitySource vulnerabilities;
  private final CosignSignatureSource signatures;
  private final RegistryCredentials credentials;

  /**
   * @param builds where provenance requirements find BUILD occurrences
   * @param signatures where authorities with a {@code cosign} source read signatures
   * @param credentials the registry credentials those lookups may use
   */
  public WorkloadVerifier(
      AttestationSource attestations,
      ProvenanceSource builds,
      VulnerabilitySource vulnerabilities,
      CosignSignatureSource signatures,
      RegistryCredentials credentials) {
    this.attestations = attestations;
    this.builds = builds;
    this.vulnerabilities = vulnerabilities;
    this.signatures = signatures;
    this.credentials = credentials;
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
      facts.put(check, fact(workload, authorities, check, deadline));
    }
    Map<VulnerabilityCheck, VulnerabilityFact> findings = new LinkedHashMap<>();
    for (VulnerabilityCheck check : evaluator.requiredVulnerabilityChecks(workload, policies)) {
      findings.put(check, VulnerabilityFacts.find(vulnerabilities, check.image(), deadline));
    }
    return evaluator.evaluate(workload, policies, facts, findings);
  }

  private AttestationFact fact(
      Workload workload,
      Map<String, KnownAuthority> authorities,
      AttestationCheck check,
      Deadline deadline) {
    KnownAuthority authority = authorities.get(check.authorityName());
    if (authority == null) {
      return AuthorityFacts.undefined(check.authorityName(), workload.namespace());
    }
    if (authority.keys().isEmpty()) {
      return AuthorityFacts.withoutKeys(authority.name(), authority.ready());
    }
    if (check.kind() == AttestationCheck.Kind.PROVENANCE) {
      return authority.hasNote()
          ? ProvenanceFacts.find(
              builds, authority.noteName(), authority.keys(), check.image(), deadline)
          : AuthorityFacts.withoutNote(authority.name());
    }
    Optional<AttestationFact> grafeas =
        authority.hasNote()
            ? Optional.of(
                AttestationFacts.find(
                    attestations, authority.noteName(), authority.keys(), check.image(), deadline))
            : Optional.empty();
    Optional<AttestationFact> cosign =
        authority
            .cosign()
            .map(
                settings ->
                    CosignFacts.find(
                        signatures,
                        settings.lookup(
                            check.image(),
                            workload.namespace(),
                            workload.pullSecrets(),
                            credentials),
                        authority.keys(),
                        deadline));
    return EitherSource.of(grafeas, cosign, authority.name());
  }
}
