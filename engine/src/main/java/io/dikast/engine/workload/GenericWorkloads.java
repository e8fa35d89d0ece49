package io.dikast.engine.workload;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the pods of an object whose kind has no typed model, such as an Argo Rollout or a Knative
 * Service, from its JSON: wherever such objects conventionally keep a pod spec, and wherever a
 * policy of the namespace says the kind keeps one.
 */
final class GenericWorkloads {

  /** A pod's own spec; it counts only when it lists containers, since most kinds have a spec. */
  static final String POD_SPEC = "/spec";

  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  /** Pod templates, as Deployments and CronJobs keep them and custom workloads copy. */
  static final List<String> TEMPLATE_SPECS =
      List.of("/spec/template/spec", "/spec/jobTemplate/spec/template/spec");

  private GenericWorkloads() {}

  /**
   * The workload of {@code object}, or empty when it carries no pod spec and no entry of {@code
   * declared} names its kind.
   *
   * @throws IllegalArgumentException when a pod spec found has the wrong shape
   */
  static Optional<Workload> read(GroupKind kind, JsonNode object, List<PodSpecKind> declared) {
    Set<String> paths = new LinkedHashSet<>();
    if (CONTAINER_LISTS.stream().anyMatch(list -> present(object.at(POD_SPEC + "/" + list)))) {
      paths.add(POD_SPEC);
    }
    TEMPLATE_SPECS.stream().filter(path -> present(object.at(path))).forEach(paths::add);
    List<PodSpecKind> absent = new ArrayList<>();
    for (PodSpecKind entry : declared) {
      if (!entry.kind().equals(kind)) {
        continue;
      }
      Optional<JsonPointer> pointer = pointer(entry.podSpecPath());
      if (pointer.isPresent() && present(object.at(pointer.get()))) {
        paths.add(entry.podSpecPath());
      } else {
        absent.add(entry);
      }
    }
    if (paths.isEmpty() && absent.isEmpty()) {
      return Optional.empty();
    }
    List<ContainerImage> images = new ArrayList<>();
    Set<String> metadata = new LinkedHashSet<>(List.of("/metadata"));
    for (String path : paths) {
      JsonPointer pointer = JsonPointer.compile(path);
      images.addAll(JsonPodSpec.images(object.at(pointer), path));
      metadata.addAll(metadataBeside(pointer));
    }
    // A kind with two pod specs pulls with the first one's credentials.
    PullSecrets pullSecrets =
        paths.isEmpty()
            ? PullSecrets.DEFAULT
            : JsonPodSpec.pullSecrets(object.at(JsonPointer.compile(paths.iterator().next())));
    boolean breakglass =
        metadata.stream().map(object::at).anyMatch(BreakglassAnnotation::requestedIn);
    return Optional.of(
        new Workload(
            kind.kind(),
            text(object.at("/metadata/namespace")),
            name(object),
            images,
            breakglass,
            absent,
            pullSecrets));
  }

  /**
   * The metadata beside every {@code spec} on the way to a pod spec: {@code
   * /spec/jobTemplate/spec/template/spec} passes {@code /metadata}, {@code
   * /spec/jobTemplate/metadata} and {@code /spec/jobTemplate/spec/template/metadata}, where
   * break-glass may be requested as on a CronJob.
   */
  static List<String> metadataBeside(JsonPointer podSpec) {
    List<String> metadata = new ArrayList<>();
    JsonPointer prefix = JsonPointer.empty();
    for (JsonPointer rest = podSpec; !rest.matches(); rest = rest.tail()) {
      String segment = rest.getMatchingProperty();
      if (segment.equals("spec")) {
        metadata.add(prefix.appendProperty("metadata").toString());
      }
      prefix = prefix.appendProperty(segment);
    }
    return metadata;
  }

  // A policy's path that is not a JSON Pointer finds nothing, so that policy denies the kind.
  private static Optional<JsonPointer> pointer(String path) {
    try {
      JsonPointer pointer = JsonPointer.compile(path);
      return pointer.matches() ? Optional.empty() : Optional.of(pointer);
    } catch (IllegalArgumentException notAPointer) {
      return Optional.empty();
    }
  }

  private static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  private static String name(JsonNode object) {
    String name = text(object.at("/metadata/name"));
    return name.isEmpty() ? text(object.at("/metadata/generateName")) : name;
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : "";
  }
}
