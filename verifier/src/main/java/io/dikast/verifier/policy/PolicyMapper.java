package io.dikast.verifier.policy;

import io.dikast.crds.v1beta1.AdmissionAllowlistPattern;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.PackageVulnerabilityRequirements;
import io.dikast.crds.v1beta1.PolicySpec;
import io.dikast.crds.v1beta1.Severity;
import io.dikast.engine.duration.GoDuration;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.ProvenanceRequirement;
import io.dikast.engine.vulnerability.SeverityLimit;
import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import io.dikast.engine.workload.GroupKind;
import io.dikast.engine.workload.PodSpecKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Turns the policy custom resources into the engine's {@link Policy}, applying CRD defaults. */
public final class PolicyMapper {

  private PolicyMapper() {}

  public static Policy toPolicy(ImageSecurityPolicy resource) {
    return toPolicy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        resource.getSpec().getImageAllowlist(),
        resource.getSpec(),
        Optional.ofNullable(resource.getSpec().getPackageVulnerabilityRequirements())
            .map(PolicyMapper::vulnerabilityRequirements));
  }

  /**
   * A ClusterImageSecurityPolicy as a policy with no namespace, whose authorities, for attestations
   * and provenance alike, are named {@code <authorityNamespace>/<name>}: they resolve there, never
   * in the namespace being admitted.
   */
  public static Policy toPolicy(ClusterImageSecurityPolicy resource, String authorityNamespace) {
    return toPolicy(
            PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY,
            "",
            resource.getMetadata().getName(),
            resource.getSpec().getImageAllowlist(),
            resource.getSpec(),
            Optional.ofNullable(resource.getSpec().getPackageVulnerabilityRequirements())
                .map(PolicyMapper::vulnerabilityRequirements))
        .withAuthoritiesIn(authorityNamespace);
  }

  public static Policy toPolicy(GenericAttestationPolicy resource) {
    List<String> patterns =
        resource.getSpec().getAdmissionAllowlistPatterns().stream()
            .map(AdmissionAllowlistPattern::getNamePattern)
            .filter(pattern -> pattern != null && !pattern.isBlank())
            .toList();
    return toPolicy(
        PolicyKind.GENERIC_ATTESTATION_POLICY,
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        patterns,
        resource.getSpec(),
        Optional.empty());
  }

  /**
   * A {@code requiredAttestations} above the number of authorities cannot be met as written; it is
   * enforced as "all of them", the strictest reading, while the policy reports it as not ready.
   */
  static int requiredAttestations(PolicySpec spec) {
    int authorities = spec.requiredAuthorityNames().size();
    Integer required = spec.getRequiredAttestations();
    if (required == null || required <= 0 || required > authorities) {
      return 0;
    }
    return required;
  }

  /**
   * The policy's bound on cached facts, 1h when unset. The CRD only admits Go durations; a policy
   * read from a file with anything else gets the strictest reading, zero: no cached fact counts.
   */
  static Duration cachedFactsMaxAge(PolicySpec spec) {
    String text = spec.getCachedFactsMaxAge();
    if (text == null || text.isBlank()) {
      return Policy.DEFAULT_CACHED_FACTS_MAX_AGE;
    }
    try {
      return GoDuration.parse(text.strip());
    } catch (IllegalArgumentException notADuration) {
      return Duration.ZERO;
    }
  }

  /** Unset limits take Kritis' defaults; the getters have already folded the older spellings. */
  static VulnerabilityRequirements vulnerabilityRequirements(
      PackageVulnerabilityRequirements requirements) {
    return VulnerabilityRequirements.withKritisDefaults(
        limit(requirements.getMaximumSeverity()),
        limit(requirements.getMaximumFixUnavailableSeverity()),
        requirements.getAllowlistCVEs());
  }

  private static Policy toPolicy(
      PolicyKind kind,
      String namespace,
      String name,
      List<String> allowlist,
      PolicySpec spec,
      Optional<VulnerabilityRequirements> vulnerabilityRequirements) {
    return new Policy(
        kind,
        namespace,
        name,
        allowlist,
        spec.requiredAuthorityNames(),
        requiredAttestations(spec),
        enforcement(spec.getEnforcementMode()),
        breakglass(spec.getBreakglass()),
        backendUnavailable(spec.getOnBackendUnavailable()),
        cachedFactsMaxAge(spec),
        vulnerabilityRequirements,
        podSpecKinds(spec),
        provenanceRequirements(spec));
  }

  /** Entries without an authority (which the API server refuses) are dropped: none can be met. */
  static List<ProvenanceRequirement> provenanceRequirements(PolicySpec spec) {
    return spec.getProvenanceRequirements().stream()
        .filter(Objects::nonNull)
        .filter(entry -> entry.getAuthorityName() != null && !entry.getAuthorityName().isBlank())
        .map(
            entry ->
                new ProvenanceRequirement(
                    entry.getAuthorityName(),
                    nonBlank(entry.getBuilderIdPatterns()),
                    nonBlank(entry.getSourceRepositoryPatterns())))
        .distinct()
        .toList();
  }

  private static List<String> nonBlank(List<String> patterns) {
    return patterns.stream().filter(pattern -> pattern != null && !pattern.isBlank()).toList();
  }

  /**
   * Entries are kept as written: one the API server would refuse (no kind, a path that is not a
   * JSON Pointer) can only be met by nothing, so the engine lets the policy deny its kind.
   */
  static List<PodSpecKind> podSpecKinds(PolicySpec spec) {
    return spec.getPodSpecKinds().stream()
        .filter(Objects::nonNull)
        .map(
            entry ->
                new PodSpecKind(
                    new GroupKind(
                        Objects.toString(entry.getGroup(), ""),
                        Objects.toString(entry.getKind(), "")),
                    Objects.toString(entry.getPodSpecPath(), "")))
        .distinct()
        .toList();
  }

  private static SeverityLimit limit(Severity severity) {
    return severity == null ? null : SeverityLimit.valueOf(severity.name());
  }

  private static EnforcementMode enforcement(io.dikast.crds.v1beta1.EnforcementMode mode) {
    return mode == io.dikast.crds.v1beta1.EnforcementMode.DRY_RUN
        ? EnforcementMode.DRY_RUN
        : EnforcementMode.ENFORCE;
  }

  private static BreakglassMode breakglass(io.dikast.crds.v1beta1.BreakglassMode mode) {
    return mode == io.dikast.crds.v1beta1.BreakglassMode.DENY
        ? BreakglassMode.DENY
        : BreakglassMode.ALLOW;
  }

  private static BackendUnavailableMode backendUnavailable(
      io.dikast.crds.v1beta1.BackendUnavailableMode mode) {
    if (mode == null) {
      return BackendUnavailableMode.DENY;
    }
    return switch (mode) {
      case DENY -> BackendUnavailableMode.DENY;
      case ALLOW -> BackendUnavailableMode.ALLOW;
      case USE_CACHED_FACTS -> BackendUnavailableMode.USE_CACHED_FACTS;
    };
  }
}
