package io.dikast.engine.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the container images and the break-glass request out of a workload object.
 *
 * <p>Two entry points: {@link #extract(HasMetadata)} for an object of a built-in kind already in
 * Fabric8's model (typed, or a {@link GenericKubernetesResource}), and {@link #read(GroupKind,
 * JsonNode, List)} for the JSON of an object of any kind, such as the {@code object} of an
 * AdmissionReview. Built-in kinds (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job,
 * CronJob, ReplicationController) are read through their model; any other kind where custom
 * workloads keep a pod spec ({@code spec.containers}, {@code spec.template.spec}, {@code
 * spec.jobTemplate.spec.template.spec}) and where the namespace's policies say it keeps one.
 * Callers holding YAML (the CLI) read it into a tree first.
 */
public final class WorkloadExtractor {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private WorkloadExtractor() {}

  /**
   * The workload of a Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob or
   * ReplicationController in Fabric8's model.
   *
   * @throws UnsupportedWorkloadException for any other kind
   */
  public static Workload extract(HasMetadata resource) {
    Objects.requireNonNull(resource, "resource");
    HasMetadata typed =
        resource instanceof GenericKubernetesResource generic ? toModel(generic) : resource;
    PodShape pod = podShapeOf(typed);
    ObjectMeta meta = typed.getMetadata();
    return new Workload(
        typed.getKind(),
        Objects.toString(field(meta, ObjectMeta::getNamespace), ""),
        nameOf(meta),
        imagesOf(pod.spec()),
        BreakglassAnnotation.requestedIn(pod.metadata()),
        List.of(),
        pullSecretsOf(pod.spec()));
  }

  private static PullSecrets pullSecretsOf(PodSpec spec) {
    if (spec == null) {
      return PullSecrets.DEFAULT;
    }
    List<String> names =
        spec.getImagePullSecrets() == null
            ? List.of()
            : spec.getImagePullSecrets().stream()
                .filter(Objects::nonNull)
                .map(LocalObjectReference::getName)
                .toList();
    return new PullSecrets(Objects.toString(spec.getServiceAccountName(), ""), names);
  }

  /** Whether {@code kind} is a built-in workload, read through its model. */
  public static boolean isBuiltIn(GroupKind kind) {
    return WorkloadKinds.modelClass(kind).isPresent();
  }

  /**
   * The workload of {@code object} taken as a {@code kind}, or empty when that kind carries no pod
   * spec. {@code declared} are the namespace's policies' statements of where kinds keep their pod
   * spec; those for other kinds are ignored, and so are all for built-in kinds, which are always
   * read through their model.
   *
   * @throws IllegalArgumentException when the object does not match its kind's shape
   */
  public static Optional<Workload> read(
      GroupKind kind, JsonNode object, List<PodSpecKind> declared) {
    Optional<Class<? extends HasMetadata>> model = WorkloadKinds.modelClass(kind);
    if (model.isEmpty()) {
      return GenericWorkloads.read(kind, object, declared);
    }
    try {
      return Optional.of(extract(MAPPER.treeToValue(object, model.get())));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "workload JSON does not match its kind: " + e.getOriginalMessage(), e);
    }
  }

  /** Like {@link #read(GroupKind, JsonNode, List)}, taking the kind the manifest itself names. */
  public static Optional<Workload> readManifest(JsonNode object, List<PodSpecKind> declared) {
    return read(
        GroupKind.ofApiVersion(object.path("apiVersion").asText(), object.path("kind").asText()),
        object,
        declared);
  }

  /**
   * The JSON object in {@code json}, such as a manifest sent to the verification API.
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  public static JsonNode parse(String json) {
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new IllegalArgumentException("workload JSON is not an object");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "workload is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static HasMetadata toModel(GenericKubernetesResource generic) {
    return MAPPER.convertValue(
        generic, WorkloadKinds.requireModelClass(generic.getApiVersion(), generic.getKind()));
  }

  private static PodShape podShapeOf(HasMetadata resource) {
    ObjectMeta meta = resource.getMetadata();
    if (resource instanceof Pod pod) {
      return new PodShape(PodShape.present(meta), pod.getSpec());
    }
    if (resource instanceof Deployment deployment) {
      return PodShape.ofTemplate(field(deployment.getSpec(), DeploymentSpec::getTemplate), meta);
    }
    if (resource instanceof ReplicaSet replicaSet) {
      return PodShape.ofTemplate(field(replicaSet.getSpec(), ReplicaSetSpec::getTemplate), meta);
    }
    if (resource instanceof StatefulSet statefulSet) {
      return PodShape.ofTemplate(field(statefulSet.getSpec(), StatefulSetSpec::getTemplate), meta);
    }
    if (resource instanceof DaemonSet daemonSet) {
      return PodShape.ofTemplate(field(daemonSet.getSpec(), DaemonSetSpec::getTemplate), meta);
    }
    if (resource instanceof ReplicationController controller) {
      return PodShape.ofTemplate(
          field(controller.getSpec(), ReplicationControllerSpec::getTemplate), meta);
    }
    if (resource instanceof Job job) {
      return PodShape.ofTemplate(field(job.getSpec(), JobSpec::getTemplate), meta);
    }
    if (resource instanceof CronJob cronJob) {
      JobTemplateSpec jobTemplate = field(cronJob.getSpec(), CronJobSpec::getJobTemplate);
      return PodShape.ofTemplate(
          field(field(jobTemplate, JobTemplateSpec::getSpec), JobSpec::getTemplate),
          meta,
          field(jobTemplate, JobTemplateSpec::getMetadata));
    }
    throw new UnsupportedWorkloadException(resource.getApiVersion(), resource.getKind());
  }

  private static <T, R> R field(T owner, Function<T, R> getter) {
    return Optional.ofNullable(owner).map(getter).orElse(null);
  }

  private static String nameOf(ObjectMeta meta) {
    if (meta == null) {
      return "";
    }
    if (meta.getName() != null && !meta.getName().isEmpty()) {
      return meta.getName();
    }
    return Objects.toString(meta.getGenerateName(), "");
  }

  private static List<ContainerImage> imagesOf(PodSpec spec) {
    List<ContainerImage> images = new ArrayList<>();
    if (spec == null) {
      return images;
    }
    for (Container container : listOrEmpty(spec.getContainers())) {
      images.add(image(container.getName(), ContainerType.CONTAINER, container.getImage()));
    }
    for (Container container : listOrEmpty(spec.getInitContainers())) {
      images.add(image(container.getName(), ContainerType.INIT, container.getImage()));
    }
    for (EphemeralContainer container : listOrEmpty(spec.getEphemeralContainers())) {
      images.add(image(container.getName(), ContainerType.EPHEMERAL, container.getImage()));
    }
    return images;
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  // A container without an image is kept as an empty reference so the engine denies it as unpinned.
  private static ContainerImage image(String name, ContainerType type, String image) {
    return new ContainerImage(Objects.toString(name, ""), type, Objects.toString(image, ""));
  }
}
