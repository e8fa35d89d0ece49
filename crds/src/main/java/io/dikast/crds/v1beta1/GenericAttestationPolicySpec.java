package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Kritis GenericAttestationPolicy: attestations required from named authorities. */
public class GenericAttestationPolicySpec extends PolicySpec {

  @Required
  @Size(min = 1)
  @JsonPropertyDescription(
      "The AttestationAuthorities (same namespace) whose attestations an image needs.")
  private List<String> attestationAuthorityNames = new ArrayList<>();

  @JsonPropertyDescription("Images exempt from this policy.")
  private List<AdmissionAllowlistPattern> admissionAllowlistPatterns = new ArrayList<>();

  @Deprecated
  @JsonProperty("admissionWhitelistPatterns")
  @JsonPropertyDescription(
      "Deprecated: the older Kritis spelling of admissionAllowlistPatterns; use that.")
  private List<AdmissionAllowlistPattern> admissionWhitelistPatterns = new ArrayList<>();

  @Override
  public List<String> requiredAuthorityNames() {
    return List.copyOf(new LinkedHashSet<>(attestationAuthorityNames));
  }

  public List<String> getAttestationAuthorityNames() {
    return attestationAuthorityNames;
  }

  public void setAttestationAuthorityNames(List<String> attestationAuthorityNames) {
    this.attestationAuthorityNames =
        attestationAuthorityNames == null ? new ArrayList<>() : attestationAuthorityNames;
  }

  /** The exempt patterns, from either spelling. */
  public List<AdmissionAllowlistPattern> getAdmissionAllowlistPatterns() {
    return Aliases.union(admissionAllowlistPatterns, admissionWhitelistPatterns);
  }

  public void setAdmissionAllowlistPatterns(
      List<AdmissionAllowlistPattern> admissionAllowlistPatterns) {
    this.admissionAllowlistPatterns =
        admissionAllowlistPatterns == null ? new ArrayList<>() : admissionAllowlistPatterns;
  }
}
