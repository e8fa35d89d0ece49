package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.AttestationAuthoritySpec;
import io.dikast.crds.v1beta1.CosignSource;
import io.dikast.engine.key.PkixTrustedKey;
import io.dikast.operator.policyset.KeyOutcome;
import io.dikast.verifier.registry.RegistryTrust;
import java.util.List;
import java.util.Optional;

/**
 * Why an authority's signature sources cannot work, for its Ready condition. Clusters before
 * Kubernetes 1.25 ignore the CRD's validation rules, so an authority without a source reaches the
 * operator and is reported here.
 */
final class SignatureSourceCheck {

  static final String NO_SIGNATURE_SOURCE = "NoSignatureSource";
  static final String NO_PKIX_KEY = "CosignNeedsPkixKey";
  static final String INVALID_CA_BUNDLE = "InvalidCaBundle";

  /** A reason and message for the Ready condition. */
  record Problem(String reason, String message) {}

  private SignatureSourceCheck() {}

  static Optional<Problem> of(AttestationAuthoritySpec spec, List<KeyOutcome> outcomes) {
    CosignSource cosign = spec.getCosign();
    boolean note = spec.getNoteReference() != null && !spec.getNoteReference().isBlank();
    if (!note && cosign == null) {
      return Optional.of(
          new Problem(NO_SIGNATURE_SOURCE, "the authority names neither noteReference nor cosign"));
    }
    if (cosign == null) {
      return Optional.empty();
    }
    boolean pkix =
        outcomes.stream()
            .filter(KeyOutcome::valid)
            .anyMatch(outcome -> outcome.key() instanceof PkixTrustedKey);
    if (!pkix) {
      return Optional.of(
          new Problem(
              NO_PKIX_KEY,
              "cosign signatures are verified with PKIX keys, and the authority has no valid one"));
    }
    if (cosign.getCaBundle() != null && !cosign.getCaBundle().isBlank()) {
      try {
        RegistryTrust.certificates(cosign.getCaBundle());
      } catch (IllegalArgumentException e) {
        return Optional.of(new Problem(INVALID_CA_BUNDLE, "cosign.caBundle: " + e.getMessage()));
      }
    }
    return Optional.empty();
  }
}
