package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** An X.509 SubjectPublicKeyInfo key with the algorithm its signatures are made with. */
public class PkixPublicKey {

  @Required
  @JsonPropertyDescription("The public key as PEM (-----BEGIN PUBLIC KEY-----).")
  private String publicKeyPem;

  @Required
  @JsonPropertyDescription(
      "The signature algorithm, in Grafeas / Binary Authorization naming (e.g."
          + " ECDSA_P256_SHA256).")
  private SignatureAlgorithm signatureAlgorithm;

  public String getPublicKeyPem() {
    return publicKeyPem;
  }

  public void setPublicKeyPem(String publicKeyPem) {
    this.publicKeyPem = publicKeyPem;
  }

  public SignatureAlgorithm getSignatureAlgorithm() {
    return signatureAlgorithm;
  }

  public void setSignatureAlgorithm(SignatureAlgorithm signatureAlgorithm) {
    this.signatureAlgorithm = signatureAlgorithm;
  }
}
