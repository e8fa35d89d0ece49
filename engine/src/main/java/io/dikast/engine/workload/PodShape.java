package io.dikast.engine.workload;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pod a workload runs: its spec, and every metadata block on the way to it (the object's, a job
 * template's, the pod template's), since break-glass may be requested on any of them. Parts missing
 * from a malformed manifest are simply absent.
 */
record PodShape(List<ObjectMeta> metadata, PodSpec spec) {

  static PodShape ofTemplate(PodTemplateSpec template, ObjectMeta... outerMetadata) {
    if (template == null) {
      return new PodShape(present(outerMetadata), null);
    }
    List<ObjectMeta> metadata = present(outerMetadata);
    metadata.addAll(present(template.getMetadata()));
    return new PodShape(metadata, template.getSpec());
  }

  static List<ObjectMeta> present(ObjectMeta... metadata) {
    return Stream.of(metadata)
        .filter(Objects::nonNull)
        .collect(Collectors.toCollection(ArrayList::new));
  }
}
