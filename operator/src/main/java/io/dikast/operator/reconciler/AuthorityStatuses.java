package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.AttestationAuthorityStatus;
import io.dikast.operator.policyset.KeyOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The status an authority gets from its signature sources and key outcomes: fail closed on any bad
 * key or unusable source.
 */
final class AuthorityStatuses {

  static final String KEYS_VALID = "KeysValid";
  static final String NO_KEYS = "NoKeys";

  private AuthorityStatuses() {}

  static AttestationAuthorityStatus from(
      AttestationAuthority authority, List<KeyOutcome> outcomes, Instant now) {
    AttestationAuthorityStatus previous = authority.getStatus();
    AttestationAuthorityStatus status = new AttestationAuthorityStatus();
    status.setKeys(outcomes.stream().map(KeyOutcome::status).toList());
    status.setKeyCount((int) outcomes.stream().filter(KeyOutcome::valid).count());
    status.setNoteExists(previous == null ? null : previous.getNoteExists());
    Long generation = authority.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    List<Condition> conditions = previous == null ? List.of() : previous.getConditions();
    List<KeyOutcome> bad = outcomes.stream().filter(o -> !o.valid()).toList();
    Optional<SignatureSourceCheck.Problem> source =
        SignatureSourceCheck.of(authority.getSpec(), outcomes);
    boolean withoutSource =
        source.filter(p -> p.reason().equals(SignatureSourceCheck.NO_SIGNATURE_SOURCE)).isPresent();
    String reason;
    String message;
    if (withoutSource) {
      reason = source.get().reason();
      message = source.get().message();
    } else if (outcomes.isEmpty()) {
      reason = NO_KEYS;
      message = "the authority declares no public keys; add publicKeys or publicKeysFrom";
    } else if (!bad.isEmpty()) {
      reason = bad.get(0).reason();
      message = bad.stream().map(KeyOutcome::problem).collect(Collectors.joining("; "));
    } else if (source.isPresent()) {
      reason = source.get().reason();
      message = source.get().message();
    } else {
      status.setConditions(
          Conditions.set(
              conditions,
              Conditions.READY,
              true,
              KEYS_VALID,
              outcomes.size() == 1 ? "1 key valid" : outcomes.size() + " keys valid",
              generation,
              now));
      return status;
    }
    status.setConditions(
        Conditions.set(conditions, Conditions.READY, false, reason, message, generation, now));
    return status;
  }
}
