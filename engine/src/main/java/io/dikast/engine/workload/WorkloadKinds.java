package io.dikast.engine.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import java.util.Optional;

/** The API group and kind of every built-in workload, mapped to its Fabric8 model class. */
final class WorkloadKinds {

  private static final Map<GroupKind, Class<? extends HasMetadata>> MODELS =
      Map.of(
          new GroupKind("", "Pod"), Pod.class,
          new GroupKind("", "ReplicationController"), ReplicationController.class,
          new GroupKind("apps", "Deployment"), Deployment.class,
          new GroupKind("apps", "ReplicaSet"), ReplicaSet.class,
          new GroupKind("apps", "StatefulSet"), StatefulSet.class,
          new GroupKind("apps", "DaemonSet"), DaemonSet.class,
          new GroupKind("batch", "Job"), Job.class,
          new GroupKind("batch", "CronJob"), CronJob.class);

  private WorkloadKinds() {}

  /**
   * The model class of a built-in workload kind. The group is part of the key so that a custom
   * resource that happens to be called {@code Deployment} is not read as one.
   */
  static Optional<Class<? extends HasMetadata>> modelClass(GroupKind kind) {
    return Optional.ofNullable(MODELS.get(kind));
  }

  /** Like {@link #modelClass(GroupKind)} for a typed object. */
  static Class<? extends HasMetadata> requireModelClass(String apiVersion, String kind) {
    return modelClass(GroupKind.ofApiVersion(apiVersion, kind))
        .orElseThrow(() -> new UnsupportedWorkloadException(apiVersion, kind));
  }
}
