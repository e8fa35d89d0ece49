package io.dikast.engine.policy;

import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import io.dikast.engine.workload.PodSpecKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Policies for tests: an enforcing policy requiring authority {@code qa}, unless told otherwise.
 */
final class PolicyBuilder {

  private final PolicyKind kind;
  private final String namespace;
  private final String name;
  private List<String> allowlist = List.of();
  private List<String> authorities = List.of("qa");
  private int requiredAttestations;
  private EnforcementMode enforcementMode = EnforcementMode.ENFORCE;
  private BreakglassMode breakglass = BreakglassMode.ALLOW;
  private BackendUnavailableMode onBackendUnavailable = BackendUnavailableMode.DENY;
  private Duration cachedFactsMaxAge = Policy.DEFAULT_CACHED_FACTS_MAX_AGE;
  private Optional<VulnerabilityRequirements> vulnerabilityRequirements = Optional.empty();
  private List<PodSpecKind> podSpecKinds = List.of();
  private List<ProvenanceRequirement> provenanceRequirements = List.of();

  private PolicyBuilder(PolicyKind kind, String name) {
    this.kind = kind;
    this.namespace = kind.clusterScoped() ? "" : "payments";
    this.name = name;
  }

  static PolicyBuilder isp(String name) {
    return new PolicyBuilder(PolicyKind.IMAGE_SECURITY_POLICY, name);
  }

  static PolicyBuilder gap(String name) {
    return new PolicyBuilder(PolicyKind.GENERIC_ATTESTATION_POLICY, name);
  }

  /** A ClusterImageSecurityPolicy, requiring authority {@code dikast/qa} unless told otherwise. */
  static PolicyBuilder cisp(String name) {
    return new PolicyBuilder(PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY, name)
        .authorities("dikast/qa");
  }

  PolicyBuilder authorities(String... names) {
    authorities = List.of(names);
    return this;
  }

  PolicyBuilder requiring(int count) {
    requiredAttestations = count;
    return this;
  }

  PolicyBuilder allowlisting(String... patterns) {
    allowlist = List.of(patterns);
    return this;
  }

  PolicyBuilder dryRun() {
    enforcementMode = EnforcementMode.DRY_RUN;
    return this;
  }

  PolicyBuilder forbiddingBreakglass() {
    breakglass = BreakglassMode.DENY;
    return this;
  }

  PolicyBuilder allowingBackendOutage() {
    onBackendUnavailable = BackendUnavailableMode.ALLOW;
    return this;
  }

  PolicyBuilder usingCachedFacts(Duration maxAge) {
    onBackendUnavailable = BackendUnavailableMode.USE_CACHED_FACTS;
    cachedFactsMaxAge = maxAge;
    return this;
  }

  PolicyBuilder requiring(VulnerabilityRequirements requirements) {
    vulnerabilityRequirements = Optional.of(requirements);
    return this;
  }

  PolicyBuilder declaring(PodSpecKind... kinds) {
    podSpecKinds = List.of(kinds);
    return this;
  }

  PolicyBuilder requiringProvenance(ProvenanceRequirement... requirements) {
    provenanceRequirements = List.of(requirements);
    return this;
  }

  Policy build() {
    return new Policy(
        kind,
        namespace,
        name,
        allowlist,
        authorities,
        requiredAttestations,
        enforcementMode,
        breakglass,
        onBackendUnavailable,
        cachedFactsMaxAge,
        vulnerabilityRequirements,
        podSpecKinds,
        provenanceRequirements);
  }
}
