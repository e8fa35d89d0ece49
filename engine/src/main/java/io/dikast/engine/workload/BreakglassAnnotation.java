package io.dikast.engine.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Collection;
import java.util.Objects;

/** The Kritis break-glass annotation, honoured only with the exact value {@code "true"}. */
public final class BreakglassAnnotation {

  public static final String NAME = "kritis.grafeas.io/breakglass";

  private BreakglassAnnotation() {}

  /**
   * Whether any of the metadata requests break-glass. Values such as {@code "TRUE"} or {@code
   * "yes"} do not: a bypass of signature checks must be spelled exactly as documented.
   */
  static boolean requestedIn(Collection<ObjectMeta> metadata) {
    return metadata.stream()
        .filter(Objects::nonNull)
        .map(ObjectMeta::getAnnotations)
        .filter(Objects::nonNull)
        .map(annotations -> annotations.get(NAME))
        .anyMatch("true"::equals);
  }

  /** Whether metadata given as JSON requests break-glass; anything but the exact text does not. */
  static boolean requestedIn(JsonNode metadata) {
    JsonNode value = metadata.path("annotations").path(NAME);
    return value.isTextual() && value.asText().equals("true");
  }
}
