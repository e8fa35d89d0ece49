package io.dikast.engine.policy;

/** The two Kritis policy kinds; {@link #kind()} is the Kubernetes kind used in messages. */
public enum PolicyKind {
  IMAGE_SECURITY_POLICY("ImageSecurityPolicy"),
  GENERIC_ATTESTATION_POLICY("GenericAttestationPolicy");

  private final String kind;

  PolicyKind(String kind) {
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
