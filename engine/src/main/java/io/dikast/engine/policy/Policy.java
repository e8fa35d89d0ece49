package io.dikast.engine.policy;

import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import io.dikast.engine.workload.PodSpecKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ImageSecurityPolicy or GenericAttestationPolicy, reduced to what admission decides on.
 *
 * @param allowlistPatterns image patterns exempt from the policy ({@code *} within a path segment,
 *     {@code **} across segments, anchored)
 * @param authorityNames the AttestationAuthorities whose attestations are required, in order
 * @param requiredAttestations how many of {@code authorityNames} must have attested; 0 means all
 * @param vulnerabilityRequirements the vulnerabilities an ImageSecurityPolicy tolerates; empty when
 *     the policy says nothing about vulnerabilities (always, for a GenericAttestationPolicy)
 * @param podSpecKinds the kinds without a built-in model whose pod spec this policy says is at a
 *     given place; an object of such a kind with nothing there fails the policy
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
    Optional<VulnerabilityRequirements> vulnerabilityRequirements,
    List<PodSpecKind> podSpecKinds) {

  public Policy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    allowlistPatterns = List.copyOf(allowlistPatterns);
    authorityNames = List.copyOf(authorityNames);
    Objects.requireNonNull(enforcementMode, "enforcementMode");
    Objects.requireNonNull(breakglass, "breakglass");
    Objects.requireNonNull(onBackendUnavailable, "onBackendUnavailable");
    Objects.requireNonNull(vulnerabilityRequirements, "vulnerabilityRequirements");
    podSpecKinds = List.copyOf(podSpecKinds);
    if (requiredAttestations < 0 || requiredAttestations > authorityNames.size()) {
      throw new IllegalArgumentException(
          "requiredAttestations must be between 0 and " + authorityNames.size());
    }
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
        vulnerabilityRequirements,
        List.of());
  }

  /** A policy that checks attestations only. */
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
        Optional.empty());
  }

  /** How many valid attestations an image needs under this policy. */
  public int requiredCount() {
    return requiredAttestations == 0 ? authorityNames.size() : requiredAttestations;
  }

  /** {@code namespace/name}, as messages name a policy. */
  public String qualifiedName() {
    return namespace + "/" + name;
  }
}
