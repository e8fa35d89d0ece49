package io.dikast.engine.policy;

import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import io.dikast.engine.workload.PodSpecKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ImageSecurityPolicy, GenericAttestationPolicy or ClusterImageSecurityPolicy, reduced to what
 * admission decides on.
 *
 * @param namespace the policy's namespace; empty for a cluster-scoped policy
 * @param allowlistPatterns image patterns exempt from the policy ({@code *} within a path segment,
 *     {@code **} across segments, anchored)
 * @param authorityNames the AttestationAuthorities whose attestations are required, in order: names
 *     in the policy's namespace, or {@code namespace/name} for a cluster-scoped policy
 * @param requiredAttestations how many of {@code authorityNames} must have attested; 0 means all
 * @param cachedFactsMaxAge how long ago the backend may last have confirmed an attestation that
 *     counts during its outage; used only with {@link BackendUnavailableMode#USE_CACHED_FACTS}
 * @param vulnerabilityRequirements the vulnerabilities an ImageSecurityPolicy tolerates; empty when
 *     the policy says nothing about vulnerabilities (always, for a GenericAttestationPolicy)
 * @param podSpecKinds the kinds without a built-in model whose pod spec this policy says is at a
 *     given place; an object of such a kind with nothing there fails the policy
 * @param provenanceRequirements the signed build provenance every image needs, all of them (each
 *     names its authority, independent of {@code authorityNames} and {@code requiredAttestations})
 */
public record Policy(
    PolicyKind kind,
    String namespace,
    String name,
    List<String> allowlistPatterns,
    List<String> authorityNames,
    int requiredAttestations,
    EnforcementMode enforcementMode,
    BreakglassMode breakglass,
    BackendUnavailableMode onBackendUnavailable,
    Duration cachedFactsMaxAge,
    Optional<VulnerabilityRequirements> vulnerabilityRequirements,
    List<PodSpecKind> podSpecKinds,
    List<ProvenanceRequirement> provenanceRequirements) {

  /** The CRD's default {@code cachedFactsMaxAge}. */
  public static final Duration DEFAULT_CACHED_FACTS_MAX_AGE = Duration.ofHours(1);

  public Policy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    allowlistPatterns = List.copyOf(allowlistPatterns);
    authorityNames = List.copyOf(authorityNames);
    Objects.requireNonNull(enforcementMode, "enforcementMode");
    Objects.requireNonNull(breakglass, "breakglass");
    Objects.requireNonNull(onBackendUnavailable, "onBackendUnavailable");
    Objects.requireNonNull(cachedFactsMaxAge, "cachedFactsMaxAge");
    if (cachedFactsMaxAge.isNegative()) {
      throw new IllegalArgumentException("cachedFactsMaxAge must not be negative");
    }
    Objects.requireNonNull(vulnerabilityRequirements, "vulnerabilityRequirements");
    podSpecKinds = List.copyOf(podSpecKinds);
    provenanceRequirements = List.copyOf(provenanceRequirements);
    if (requiredAttestations < 0 || requiredAttestations > authorityNames.size()) {
      throw new IllegalArgumentException(
          "requiredAttestations must be between 0 and " + authorityNames.size());
    }
  }

  /** This policy as it would be with {@code mode}: what a what-if request asks of a DryRun one. */
  public Policy withEnforcementMode(EnforcementMode mode) {
    return new Policy(
        kind,
        namespace,
        name,
        allowlistPatterns,
        authorityNames,
        requiredAttestations,
        mode,
        breakglass,
        onBackendUnavailable,
        cachedFactsMaxAge,
        vulnerabilityRequirements,
        podSpecKinds,
        provenanceRequirements);
  }

  /** A policy without provenance requirements. */
  public Policy(
      PolicyKind kind,
      String namespace,
      String name,
      List<String> allowlistPatterns,
      List<String> authorityNames,
      int requiredAttestations,
      EnforcementMode enforcementMode,
      BreakglassMode breakglass,
      BackendUnavailableMode onBackendUnavailable,
      Duration cachedFactsMaxAge,
      Optional<VulnerabilityRequirements> vulnerabilityRequirements,
      List<PodSpecKind> podSpecKinds) {
    this(
        kind,
        namespace,
        name,
        allowlistPatterns,
        authorityNames,
        requiredAttestations,
        enforcementMode,
        breakglass,
        onBackendUnavailable,
        cachedFactsMaxAge,
        vulnerabilityRequirements,
        podSpecKinds,
        List.of());
  }

  /**
   * This policy with every authority it names, for attestations and for provenance, read in {@code
   * authorityNamespace}: named {@code <authorityNamespace>/<name>}, as a cluster policy's are.
   */
  public Policy withAuthoritiesIn(String authorityNamespace) {
    return new Policy(
        kind,
        namespace,
        name,
        allowlistPatterns,
        authorityNames.stream().map(authority -> authorityNamespace + "/" + authority).toList(),
        requiredAttestations,
        enforcementMode,
        breakglass,
        onBackendUnavailable,
        cachedFactsMaxAge,
        vulnerabilityRequirements,
        podSpecKinds,
        provenanceRequirements.stream()
            .map(
                requirement ->
                    new ProvenanceRequirement(
                        authorityNamespace + "/" + requirement.authorityName(),
                        requirement.builderIdPatterns(),
                        requirement.sourceRepositoryPatterns()))
            .toList());
  }

  /** A policy that names no kind of its own. */
  public Policy(
      PolicyKind kind,
      String namespace,
      String name,
      List<String> allowlistPatterns,
      List<String> authorityNames,
      int requiredAttestations,
      EnforcementMode enforcementMode,
      BreakglassMode breakglass,
      BackendUnavailableMode onBackendUnavailable,
      Duration cachedFactsMaxAge,
      Optional<VulnerabilityRequirements> vulnerabilityRequirements) {
    this(
        kind,
        namespace,
        name,
        allowlistPatterns,
        authorityNames,
        requiredAttestations,
        enforcementMode,
        breakglass,
        onBackendUnavailable,
        cachedFactsMaxAge,
        vulnerabilityRequirements,
        List.of());
  }

  /** A policy that checks attestations only, with the default {@code cachedFactsMaxAge}. */
  public Policy(
      PolicyKind kind,
      String namespace,
      String name,
      List<String> allowlistPatterns,
      List<String> authorityNames,
      int requiredAttestations,
      EnforcementMode enforcementMode,
      BreakglassMode breakglass,
      BackendUnavailableMode onBackendUnavailable) {
    this(
        kind,
        namespace,
        name,
        allowlistPatterns,
        authorityNames,
        requiredAttestations,
        enforcementMode,
        breakglass,
        onBackendUnavailable,
        DEFAULT_CACHED_FACTS_MAX_AGE,
        Optional.empty());
  }

  /**
   * Whether an attestation verified before the backend became unavailable counts: only under {@link
   * BackendUnavailableMode#USE_CACHED_FACTS}, and only within {@link #cachedFactsMaxAge}.
   */
  boolean acceptsCachedFact(LastVerified verified) {
    return onBackendUnavailable == BackendUnavailableMode.USE_CACHED_FACTS
        && verified.age().compareTo(cachedFactsMaxAge) <= 0;
  }

  /** How many valid attestations an image needs under this policy. */
  public int requiredCount() {
    return requiredAttestations == 0 ? authorityNames.size() : requiredAttestations;
  }

  /** {@code namespace/name}, or the name alone for a cluster-scoped policy. */
  public String qualifiedName() {
    return PolicyRef.of(this).qualifiedName();
  }
}
