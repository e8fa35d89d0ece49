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

/** The API group and kind of every supported workload, mapped to its Fabric8 model class. */
final class WorkloadKinds {

  private static final Map<String, Class<? extends HasMetadata>> BY_GROUP_AND_KIND =
      Map.of(
          "/Pod", Pod.class,
          "/ReplicationController", ReplicationController.class,
          "apps/Deployment", Deployment.class,
          "apps/ReplicaSet", ReplicaSet.class,
          "apps/StatefulSet", StatefulSet.class,
          "apps/DaemonSet", DaemonSet.class,
          "batch/Job", Job.class,
          "batch/CronJob", CronJob.class);

  private WorkloadKinds() {}

  /**
   * The model class for {@code apiVersion} and {@code kind}. The group is part of the key so that a
   * custom resource that happens to be called {@code Deployment} is not read as one.
   *
   * @throws UnsupportedWorkloadException when the pair is not a supported workload
   */
  static Class<? extends HasMetadata> modelClass(String apiVersion, String kind) {
    String version = apiVersion == null ? "" : apiVersion;
    int slash = version.indexOf('/');
    String group = slash < 0 ? "" : version.substring(0, slash);
    Class<? extends HasMetadata> type = BY_GROUP_AND_KIND.get(group + "/" + kind);
    if (type == null) {
      throw new UnsupportedWorkloadException(apiVersion, kind);
    }
    return type;
  }
}
