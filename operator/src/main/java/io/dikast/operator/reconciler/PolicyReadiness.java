package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a policy's named authorities, for attestations and for provenance, resolve and are
 * usable, and if not, why.
 */
record PolicyReadiness(boolean ready, String reason, String message) {

  static final String AUTHORITIES_READY = "AuthoritiesReady";
  static final String AUTHORITY_NOT_FOUND = "AuthorityNotFound";
  static final String AUTHORITY_NOT_READY = "AuthorityNotReady";
  static final String INVALID_REQUIRED_ATTESTATIONS = "InvalidRequiredAttestations";

  /**
   * @param names the authorities whose attestations the policy requires
   * @param provenanceNames the authorities its provenance requirements name
   */
  static PolicyReadiness evaluate(
      String namespace,
      List<String> names,
      List<String> provenanceNames,
      Integer requiredAttestations,
      Map<String, AttestationAuthority> authorities) {
    if (requiredAttestations != null && requiredAttestations > names.size()) {
      return new PolicyReadiness(
          false,
          INVALID_REQUIRED_ATTESTATIONS,
          "requiredAttestations is "
              + requiredAttestations
              + " but the policy names "
              + names.size()
              + (names.size() == 1 ? " authority" : " authorities")
              + "; all of them are required until this is fixed");
    }
    List<String> named =
        Stream.concat(names.stream(), provenanceNames.stream()).distinct().toList();
    List<String> missing = named.stream().filter(n -> !authorities.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      return new PolicyReadiness(
          false,
          AUTHORITY_NOT_FOUND,
          missing.stream().map(n -> "AttestationAuthority " + n).collect(Collectors.joining(", "))
              + " not found in namespace "
              + namespace);
    }
    List<String> notReady =
        named.stream()
            .filter(n -> !Conditions.isReady(authorities.get(n).getStatus()))
            .map(n -> "AttestationAuthority " + n + " is not ready" + why(authorities.get(n)))
            .toList();
    if (!notReady.isEmpty()) {
      return new PolicyReadiness(false, AUTHORITY_NOT_READY, String.join("; ", notReady));
    }
    return new PolicyReadiness(
        true,
        AUTHORITIES_READY,
        named.isEmpty()
            ? "the policy names no authorities"
            : "authorities ready: " + String.join(",", named));
  }

  /** {@code qa,security}, or {@code 2 of 3: qa,security,release} for k of n. */
  static String summary(List<String> names, int requiredAttestations) {
    String joined = String.join(",", names);
    return requiredAttestations > 0 && requiredAttestations < names.size()
        ? requiredAttestations + " of " + names.size() + ": " + joined
        : joined;
  }

  private static String why(AttestationAuthority authority) {
    return Conditions.ready(authority.getStatus())
        .map(Condition::getMessage)
        .map(message -> " (" + message + ")")
        .orElse(" (not yet reconciled)");
  }
}
