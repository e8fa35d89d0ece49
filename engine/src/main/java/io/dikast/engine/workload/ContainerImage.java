package io.dikast.engine.workload;

import java.util.Objects;

/**
 * One container's image as written in the manifest.
 *
 * <p>The image stays text rather than a parsed reference: a reference that does not parse must
 * still reach the policy engine, which denies it as not pinned instead of failing the request.
 */
public record ContainerImage(String containerName, ContainerType type, String image) {

  public ContainerImage {
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(image, "image");
  }
}
