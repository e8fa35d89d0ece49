package io.dikast.engine.workload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container images of a pod spec given as JSON, read strictly: a container list or an image of
 * the wrong shape is refused rather than skipped, since a skipped image would go unchecked.
 */
final class JsonPodSpec {

  private static final Map<String, ContainerType> LISTS =
      Map.of(
          "containers", ContainerType.CONTAINER,
          "initContainers", ContainerType.INIT,
          "ephemeralContainers", ContainerType.EPHEMERAL);
  private static final List<String> ORDER =
      List.of("containers", "initContainers", "ephemeralContainers");

  private JsonPodSpec() {}

  /**
   * Containers, init containers and ephemeral containers, in that order.
   *
   * @param path where {@code spec} is in its object, for messages
   * @throws IllegalArgumentException when the spec, a list or an image has the wrong type
   */
  static List<ContainerImage> images(JsonNode spec, String path) {
    if (!spec.isObject()) {
      throw new IllegalArgumentException("pod spec at " + path + " is not an object");
    }
    List<ContainerImage> images = new ArrayList<>();
    for (String list : ORDER) {
      JsonNode containers = spec.path(list);
      if (containers.isMissingNode() || containers.isNull()) {
        continue;
      }
      if (!containers.isArray()) {
        throw new IllegalArgumentException(path + "/" + list + " is not a list");
      }
      for (int i = 0; i < containers.size(); i++) {
        images.add(image(containers.get(i), path + "/" + list + "/" + i, LISTS.get(list)));
      }
    }
    return images;
  }

  /**
   * The spec's service account and pull secret names; entries of the wrong shape are left out, as
   * the kubelet cannot use them either.
   */
  static PullSecrets pullSecrets(JsonNode spec) {
    List<String> names = new ArrayList<>();
    for (JsonNode secret : spec.path("imagePullSecrets")) {
      if (secret.path("name").isTextual()) {
        names.add(secret.path("name").asText());
      }
    }
    JsonNode account = spec.path("serviceAccountName");
    return new PullSecrets(account.isTextual() ? account.asText() : "", names);
  }

  // A container without an image is kept as an empty reference so the engine denies it as unpinned.
  private static ContainerImage image(JsonNode container, String path, ContainerType type) {
    if (!container.isObject()) {
      throw new IllegalArgumentException(path + " is not a container");
    }
    JsonNode image = container.path("image");
    if (!image.isMissingNode() && !image.isNull() && !image.isTextual()) {
      throw new IllegalArgumentException(path + "/image is not a string");
    }
    JsonNode name = container.path("name");
    return new ContainerImage(
        name.isValueNode() && !name.isNull() ? name.asText() : "", type, image.asText(""));
  }
}
