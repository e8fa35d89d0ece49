package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Kritis ImageSecurityPolicy: allowlist, required authorities and vulnerability tolerance. */
public class ImageSecurityPolicySpec extends PolicySpec {

  @JsonPropertyDescription(
      "Images exempt from this policy: exact references, or patterns where * matches within a"
          + " path segment and ** across segments.")
  private List<String> imageAllowlist = new ArrayList<>();

  @Deprecated
  @JsonProperty("imageWhitelist")
  @JsonPropertyDescription("Deprecated: the older Kritis spelling of imageAllowlist; use that.")
  private List<String> imageWhitelist = new ArrayList<>();

  @JsonPropertyDescription(
      "The AttestationAuthority (same namespace; the operator's, for a"
          + " ClusterImageSecurityPolicy) whose attestation is needed.")
  private String attestationAuthorityName;

  @JsonPropertyDescription(
      "Dikast: more AttestationAuthorities (same namespace as attestationAuthorityName) whose"
          + " attestations are needed; joined with attestationAuthorityName.")
  private List<String> attestationAuthorityNames = new ArrayList<>();

  @JsonPropertyDescription(
      "Vulnerability tolerance checked against the image's Grafeas VULNERABILITY occurrences, by"
          + " their effective severity. Absent means vulnerabilities are not checked; present,"
          + " unset limits take Kritis' defaults: maximumSeverity CRITICAL,"
          + " maximumFixUnavailableSeverity ALLOW_ALL.")
  private PackageVulnerabilityRequirements packageVulnerabilityRequirements;

  @JsonPropertyDescription(
      "Kritis' auto-attestation: a Secret in the policy's namespace holding a signing key"
          + " (private.key: an armored PGP secret key or a PEM PKCS#8 private key; passphrase:"
          + " optional; algorithm: the PKIX signature algorithm, e.g. ECDSA_P256_SHA256). When an"
          + " admitted image passes packageVulnerabilityRequirements, Dikast signs it with this key"
          + " and uploads an attestation under the note of the policy's authority that trusts the"
          + " key, once per digest, after the admission answered. Absent: no auto-attestation.")
  private String privateKeySecretName;

  @Deprecated
  @JsonProperty("builtProjectIDs")
  @JsonPropertyDescription(
      "Deprecated: an older Kritis build-provenance field; accepted, unused by Dikast.")
  private List<String> builtProjectIDs = new ArrayList<>();

  @Override
  public List<String> requiredAuthorityNames() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    if (attestationAuthorityName != null && !attestationAuthorityName.isBlank()) {
      names.add(attestationAuthorityName);
    }
    names.addAll(attestationAuthorityNames);
    return List.copyOf(names);
  }

  /** The allowlisted images, from either spelling. */
  public List<String> getImageAllowlist() {
    return Aliases.union(imageAllowlist, imageWhitelist);
  }

  public void setImageAllowlist(List<String> imageAllowlist) {
    this.imageAllowlist = imageAllowlist == null ? new ArrayList<>() : imageAllowlist;
  }

  public String getAttestationAuthorityName() {
    return attestationAuthorityName;
  }

  public void setAttestationAuthorityName(String attestationAuthorityName) {
    this.attestationAuthorityName = attestationAuthorityName;
  }

  public List<String> getAttestationAuthorityNames() {
    return attestationAuthorityNames;
  }

  public void setAttestationAuthorityNames(List<String> attestationAuthorityNames) {
    this.attestationAuthorityNames =
        attestationAuthorityNames == null ? new ArrayList<>() : attestationAuthorityNames;
  }

  public PackageVulnerabilityRequirements getPackageVulnerabilityRequirements() {
    return packageVulnerabilityRequirements;
  }

  public void setPackageVulnerabilityRequirements(
      PackageVulnerabilityRequirements packageVulnerabilityRequirements) {
    this.packageVulnerabilityRequirements = packageVulnerabilityRequirements;
  }

  public String getPrivateKeySecretName() {
    return privateKeySecretName;
  }

  public void setPrivateKeySecretName(String privateKeySecretName) {
    this.privateKeySecretName = privateKeySecretName;
  }
}
