package io.dikast.engine.policy;

/**
 * The two Kritis policy kinds and Dikast's cluster-scoped one; {@link #kind()} is the Kubernetes
 * kind used in messages.
 */
public enum PolicyKind {
  IMAGE_SECURITY_POLICY("ImageSecurityPolicy"),
  GENERIC_ATTESTATION_POLICY("GenericAttestationPolicy"),
  CLUSTER_IMAGE_SECURITY_POLICY("ClusterImageSecurityPolicy");

  private final String kind;

  PolicyKind(String kind) {
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }

  /** Whether policies of this kind have no namespace of their own. */
  public boolean clusterScoped() {
    return this == CLUSTER_IMAGE_SECURITY_POLICY;
  }
}
