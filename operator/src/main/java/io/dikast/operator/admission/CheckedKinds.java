package io.dikast.operator.admission;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests the webhook checks: CREATE and UPDATE of the workload kinds that run pods, and the
 * pods' {@code ephemeralcontainers} subresource. Everything else is admitted unchecked, with the
 * reason recorded, since the webhook configuration is not meant to send it.
 */
final class CheckedKinds {

  private static final Set<String> GROUP_AND_KIND =
      Set.of(
          "/Pod",
          "/ReplicationController",
          "apps/Deployment",
          "apps/ReplicaSet",
          "apps/StatefulSet",
          "apps/DaemonSet",
          "batch/Job",
          "batch/CronJob");
  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE");
  private static final String POD_EPHEMERAL_CONTAINERS = "/Pod/ephemeralcontainers";

  private CheckedKinds() {}

  /** Why the request is not checked; empty when it must be. */
  static Optional<String> skipReason(AdmissionRequest request) {
    GroupVersionKind kind = request.getKind();
    String groupAndKind = Objects.toString(kind.getGroup(), "") + "/" + kind.getKind();
    String subResource = Objects.toString(request.getSubResource(), "");
    if (!OPERATIONS.contains(request.getOperation())) {
      return Optional.of("operation " + request.getOperation() + " is not checked");
    }
    if (!GROUP_AND_KIND.contains(groupAndKind)) {
      return Optional.of("kind " + describe(kind) + " is not checked");
    }
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
