package io.dikast.operator.standalone;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import java.util.List;

/** The policy custom resources found in standalone mode's directory. */
public record PolicyManifests(
    List<AttestationAuthority> authorities,
    List<ImageSecurityPolicy> imageSecurityPolicies,
    List<GenericAttestationPolicy> genericAttestationPolicies) {

  public PolicyManifests {
    authorities = List.copyOf(authorities);
    imageSecurityPolicies = List.copyOf(imageSecurityPolicies);
    genericAttestationPolicies = List.copyOf(genericAttestationPolicies);
  }
}
