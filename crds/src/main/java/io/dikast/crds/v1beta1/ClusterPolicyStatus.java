package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A policy's status, and where a ClusterImageSecurityPolicy applies. */
public class ClusterPolicyStatus extends PolicyStatus {

  @JsonPropertyDescription(
      "The namespace whose AttestationAuthorities this policy's names resolve in: the operator's.")
  private String authorityNamespace;

  @JsonPropertyDescription("How many namespaces the policy applies to now.")
  private Integer selectedNamespaces;

  @JsonPropertyDescription(
      "The namespaces the policy never applies to: excludedNamespaces and the operator's own,"
          + " sorted.")
  private List<String> excludedNamespaces = new ArrayList<>();

  @JsonPropertyDescription("Printable summary of excludedNamespaces, comma separated.")
  private String excluded;

  public String getAuthorityNamespace() {
    return authorityNamespace;
  }

  public void setAuthorityNamespace(String authorityNamespace) {
    this.authorityNamespace = authorityNamespace;
  }

  public Integer getSelectedNamespaces() {
    return selectedNamespaces;
  }

  public void setSelectedNamespaces(Integer selectedNamespaces) {
    this.selectedNamespaces = selectedNamespaces;
  }

  public List<String> getExcludedNamespaces() {
    return excludedNamespaces;
  }

  public void setExcludedNamespaces(List<String> excludedNamespaces) {
    this.excludedNamespaces = excludedNamespaces == null ? new ArrayList<>() : excludedNamespaces;
  }

  public String getExcluded() {
    return excluded;
  }

  public void setExcluded(String excluded) {
    this.excluded = excluded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterPolicyStatus other
        && super.equals(other)
        && Objects.equals(authorityNamespace, other.authorityNamespace)
        && Objects.equals(selectedNamespaces, other.selectedNamespaces)
        && Objects.equals(excludedNamespaces, other.excludedNamespaces)
        && Objects.equals(excluded, other.excluded);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        super.hashCode(), authorityNamespace, selectedNamespaces, excludedNamespaces, excluded);
  }
}
