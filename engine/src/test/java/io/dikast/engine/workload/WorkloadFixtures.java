package io.dikast.engine.workload;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Workload objects and images for tests, built with Fabric8's model builders. */
public final class WorkloadFixtures {

  public static final String NAMESPACE = "payments";

  /** Every supported kind, as written in manifests. */
  public static final List<String> KINDS =
      List.of(
          "Pod",
          "Deployment",
          "ReplicaSet",
          "StatefulSet",
          "DaemonSet",
          "Job",
          "CronJob",
          "ReplicationController");

  private WorkloadFixtures() {}

  /** {@code gcr.io/hightowerlabs/<name>@sha256:<digest of name>}: a distinct pinned image. */
  public static String pinnedImage(String name) {
    return "gcr.io/hightowerlabs/" + name + "@" + digestOf(name);
  }

  public static String digestOf(String content) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A pod workload with one container per image, named {@code c0}, {@code c1}, … */
  public static Workload podWorkload(String... images) {
    return podWorkload(false, images);
  }

  public static Workload podWorkload(boolean breakglass, String... images) {
    List<ContainerImage> containers =
        IntStream.range(0, images.length)
            .mapToObj(i -> new ContainerImage("c" + i, ContainerType.CONTAINER, images[i]))
            .toList();
    return new Workload("Pod", NAMESPACE, "payment", containers, breakglass);
  }

  /**
   * An object of {@code kind} running {@code image} in container {@code app}, carrying {@code
   * objectAnnotations} on its own metadata and {@code templateAnnotations} on its pod template (on
   * a Pod, both go on the pod).
   */
  public static HasMetadata ofKind(
      String kind,
      String image,
      Map<String, String> objectAnnotations,
      Map<String, String> templateAnnotations) {
    PodSpec spec = specWith(image);
    ObjectMeta meta = meta(objectAnnotations);
    PodTemplateSpec template =
        new PodTemplateSpecBuilder().withMetadata(meta(templateAnnotations)).withSpec(spec).build();
    return switch (kind) {
      case "Pod" ->
          new PodBuilder()
              .withMetadata(meta(merged(objectAnnotations, templateAnnotations)))
              .withSpec(spec)
              .build();
      case "Deployment" ->
          new DeploymentBuilder()
              .withMetadata(meta)
              .withNewSpec()
              .withTemplate(template)
              .endSpec()
              .build();
      case "ReplicaSet" ->
          new ReplicaSetBuilder()
              .withMetadata(meta)
              .withNewSpec()
              .withTemplate(template)
              .endSpec()
              .build();
      case "StatefulSet" ->
          new StatefulSetBuilder()
              .withMetadata(meta)
              .withNewSpec()
              .withTemplate(template)
              .endSpec()
              .build();
      case "DaemonSet" ->
          new DaemonSetBuilder()
              .withMetadata(meta)
              .withNewSpec()
              .withTemplate(template)
              .endSpec()
              .build();
      case "Job" ->
          new JobBuilder()
              .withMetadata(meta)
              .withNewSpec()
              .withTemplate(template)
              .endSpec()
              .build();
      case "CronJob" ->
          new CronJobBuilder()
              .withMetadata(meta)
              .withNewSpec()
              .withSchedule("*/5 * * * *")
              .withNewJobTemplate()
              .withNewSpec()
              .withTemplate(template)
              .endSpec()
              .endJobTemplate()
              .endSpec()
              .build();
      case "ReplicationController" ->
          new ReplicationControllerBuilder()
              .withMetadata(meta)
              .withNewSpec()
              .withTemplate(template)
              .endSpec()
              .build();
      default -> throw new IllegalArgumentException("no fixture for kind " + kind);
    };
  }

  public static HasMetadata ofKind(String kind, String image) {
    return ofKind(kind, image, Map.of(), Map.of());
  }

  private static PodSpec specWith(String image) {
    return new PodSpecBuilder()
        .withContainers(new ContainerBuilder().withName("app").withImage(image).build())
        .build();
  }

  private static ObjectMeta meta(Map<String, String> annotations) {
    return new ObjectMetaBuilder()
        .withNamespace(NAMESPACE)
        .withName("payment")
        .withAnnotations(annotations.isEmpty() ? null : annotations)
        .build();
  }

  private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
    Map<String, String> all = new HashMap<>(a);
    all.putAll(b);
    return all;
  }
}
