package io.dikast.operator.admission;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests the webhook reads at all: CREATE and UPDATE of an object, and of the pods' {@code
 * ephemeralcontainers} subresource. Other operations and subresources (status, scale) cannot change
 * what a pod runs and are admitted unchecked, with the reason recorded. The kind is not judged
 * here: every kind is read for a pod spec.
 */
final class CheckedOperations {

  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE");
  private static final String POD_EPHEMERAL_CONTAINERS = "/Pod/ephemeralcontainers";

  private CheckedOperations() {}

  /** Why the request is not checked; empty when it must be. */
  static Optional<String> skipReason(AdmissionRequest request) {
    GroupVersionKind kind = request.getKind();
    String subResource = Objects.toString(request.getSubResource(), "");
    if (!OPERATIONS.contains(request.getOperation())) {
      return Optional.of("operation " + request.getOperation() + " is not checked");
    }
    String groupAndKind = Objects.toString(kind.getGroup(), "") + "/" + kind.getKind();
    if (!subResource.isEmpty()
        && !(groupAndKind + "/" + subResource).equals(POD_EPHEMERAL_CONTAINERS)) {
      return Optional.of(
          "subresource " + subResource + " of " + describe(kind) + " is not checked");
    }
    return Optional.empty();
  }

  private static String describe(GroupVersionKind kind) {
    String group = Objects.toString(kind.getGroup(), "");
    return (group.isEmpty() ? "" : group + "/") + kind.getVersion() + " " + kind.getKind();
  }
}
