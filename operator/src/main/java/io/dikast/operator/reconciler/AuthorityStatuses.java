package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.AttestationAuthorityStatus;
import io.dikast.operator.policyset.KeyOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The status an authority gets from its key outcomes: fail closed on any bad key. */
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
    if (outcomes.isEmpty()) {
      status.setConditions(
          Conditions.set(
              conditions,
              Conditions.READY,
              false,
              NO_KEYS,
              "the authority declares no public keys; add publicKeys or publicKeysFrom",
              generation,
              now));
    } else if (!bad.isEmpty()) {
      status.setConditions(
          Conditions.set(
              conditions,
              Conditions.READY,
              false,
              bad.get(0).reason(),
              bad.stream().map(KeyOutcome::problem).collect(Collectors.joining("; ")),
              generation,
              now));
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
    }
    return status;
  }
}
