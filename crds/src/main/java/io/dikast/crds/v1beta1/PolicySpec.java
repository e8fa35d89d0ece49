package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** The Dikast additions both policy kinds share. */
@ValidationRule(
    value = "!has(self.cachedFactsMaxAge) || self.onBackendUnavailable == 'UseCachedFacts'",
    message = "cachedFactsMaxAge applies only with onBackendUnavailable: UseCachedFacts")
public abstract class PolicySpec {

  @Min(0)
  @JsonPropertyDescription(
      "Dikast: how many of the named authorities must have attested an image (k of n); 0 or"
          + " absent means all of them.")
  private Integer requiredAttestations;

  @Default("Enforce")
  @JsonPropertyDescription(
      "Dikast: Enforce denies violating workloads; DryRun admits them with a warning.")
  private EnforcementMode enforcementMode;

  @Default("Allow")
  @JsonPropertyDescription(
      "Dikast: Allow lets the kritis.grafeas.io/breakglass annotation bypass this policy (the"
          + " bypass is recorded); Deny ignores the annotation.")
  private BreakglassMode breakglass;

  @Default("Deny")
  @JsonPropertyDescription(
      "Dikast: what to decide when Grafeas cannot answer in time: Deny (fail closed), Allow (admit"
          + " with a warning), or UseCachedFacts: count attestations this operator verified"
          + " before the outage, no older than cachedFactsMaxAge, and admit with a warning that"
          + " says so; without them the outage denies.")
  private BackendUnavailableMode onBackendUnavailable;

  @Pattern(KritisConfigSpec.DURATION)
  @JsonPropertyDescription(
      "Dikast: with onBackendUnavailable UseCachedFacts, the oldest attestation verification"
          + " that counts during an outage, as a Go duration such as 15m or 1h. Default: 1h. The"
          + " operator keeps verifications at most dikast.cache.stale-facts-max-age (1h), which"
          + " bounds this too.")
  private String cachedFactsMaxAge;

  @JsonPropertyDescription(
      "Dikast: kinds without a built-in model whose objects carry a pod spec at a given place, for"
          + " custom workloads that keep it elsewhere than spec.containers, spec.template.spec or"
          + " spec.jobTemplate.spec.template.spec (which Dikast reads for every kind). Objects of"
          + " such a kind in this policy's namespace are checked at that place, and this policy"
          + " denies one with nothing there.")
  private List<PodSpecKind> podSpecKinds = new ArrayList<>();

  @JsonPropertyDescription(
      "Dikast: signed build provenance every image not allowlisted needs, each requirement from"
          + " its own authority (all must hold, whatever requiredAttestations says).")
  private List<ProvenanceRequirement> provenanceRequirements = new ArrayList<>();

  /** The authority names this policy requires, deduplicated, in the order they are written. */
  public abstract List<String> requiredAuthorityNames();

  /** The authorities the provenance requirements name, deduplicated, in order. */
  public List<String> provenanceAuthorityNames() {
    return provenanceRequirements.stream()
        .filter(Objects::nonNull)
        .map(ProvenanceRequirement::getAuthorityName)
        .filter(name -> name != null && !name.isBlank())
        .distinct()
        .toList();
  }

  /** Every authority the policy names, for attestations or provenance, deduplicated, in order. */
  public List<String> namedAuthorityNames() {
    LinkedHashSet<String> names = new LinkedHashSet<>(requiredAuthorityNames());
    names.addAll(provenanceAuthorityNames());
    return List.copyOf(names);
  }

  public List<ProvenanceRequirement> getProvenanceRequirements() {
    return provenanceRequirements;
  }

  public void setProvenanceRequirements(List<ProvenanceRequirement> provenanceRequirements) {
    this.provenanceRequirements =
        provenanceRequirements == null ? new ArrayList<>() : provenanceRequirements;
  }

  public List<PodSpecKind> getPodSpecKinds() {
    return podSpecKinds;
  }

  public void setPodSpecKinds(List<PodSpecKind> podSpecKinds) {
    this.podSpecKinds = podSpecKinds == null ? new ArrayList<>() : podSpecKinds;
  }

  public Integer getRequiredAttestations() {
    return requiredAttestations;
  }

  public void setRequiredAttestations(Integer requiredAttestations) {
    this.requiredAttestations = requiredAttestations;
  }

  public EnforcementMode getEnforcementMode() {
    return enforcementMode;
  }

  public void setEnforcementMode(EnforcementMode enforcementMode) {
    this.enforcementMode = enforcementMode;
  }

  public BreakglassMode getBreakglass() {
    return breakglass;
  }

  public void setBreakglass(BreakglassMode breakglass) {
    this.breakglass = breakglass;
  }

  public BackendUnavailableMode getOnBackendUnavailable() {
    return onBackendUnavailable;
  }

  public void setOnBackendUnavailable(BackendUnavailableMode onBackendUnavailable) {
    this.onBackendUnavailable = onBackendUnavailable;
  }

  public String getCachedFactsMaxAge() {
    return cachedFactsMaxAge;
  }

  public void setCachedFactsMaxAge(String cachedFactsMaxAge) {
    this.cachedFactsMaxAge = cachedFactsMaxAge;
  }
}
