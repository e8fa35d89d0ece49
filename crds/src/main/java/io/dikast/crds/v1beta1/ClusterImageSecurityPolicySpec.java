package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * An ImageSecurityPolicy's spec, applied to the namespaces {@link #namespaceSelector} picks less
 * {@link #excludedNamespaces}. Its authorities are AttestationAuthorities of the operator's own
 * namespace: a namespace's owners cannot satisfy a cluster policy with an authority of their own.
 */
@ValidationRule(
    value = "!has(self.privateKeySecretName)",
    message =
        "privateKeySecretName (auto-attestation) is per namespace: set it on an"
            + " ImageSecurityPolicy, not on a ClusterImageSecurityPolicy")
public class ClusterImageSecurityPolicySpec extends ImageSecurityPolicySpec {

  /** What a cluster policy leaves alone unless told otherwise: the control plane's namespaces. */
  public static final List<String> DEFAULT_EXCLUDED_NAMESPACES =
      List.of("kube-node-lease", "kube-public", "kube-system");

  @JsonPropertyDescription(
      "The namespaces this policy applies to, by their labels; absent or empty selects every"
          + " namespace. The operator's own namespace and excludedNamespaces are never selected.")
  private LabelSelector namespaceSelector;

  @Default("[\"kube-node-lease\",\"kube-public\",\"kube-system\"]")
  @JsonPropertyDescription(
      "Namespaces this policy never applies to, whatever their labels. Default: kube-node-lease,"
          + " kube-public, kube-system; an empty list excludes none but the operator's namespace.")
  private List<String> excludedNamespaces = new ArrayList<>(DEFAULT_EXCLUDED_NAMESPACES);

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public List<String> getExcludedNamespaces() {
    return excludedNamespaces;
  }

  public void setExcludedNamespaces(List<String> excludedNamespaces) {
    this.excludedNamespaces = excludedNamespaces == null ? new ArrayList<>() : excludedNamespaces;
  }
}
