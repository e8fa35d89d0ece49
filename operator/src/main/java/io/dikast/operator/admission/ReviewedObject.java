package io.dikast.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.engine.workload.GroupKind;
import io.dikast.engine.workload.PodSpecKind;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The object of a CREATE or UPDATE the webhook reads, taken as the request's kind and judged in the
 * request's namespace. Where its pods are can depend on the namespace's policies ({@code
 * podSpecKinds}), so the workload is read once they are known.
 *
 * @param kind the request's {@code kind}, not the object's own
 * @param namespace the request's {@code namespace}; empty for a cluster-scoped object
 * @param oldObject an UPDATE's previous object
 */
record ReviewedObject(
    GroupKind kind,
    String namespace,
    String operation,
    JsonNode object,
    Optional<JsonNode> oldObject) {

  ReviewedObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(oldObject, "oldObject");
  }

  /**
   * The workload to judge, in the request's namespace; empty when the kind carries no pod spec and
   * no entry of {@code declared} names it.
   *
   * @throws MalformedAdmissionReviewException when a pod spec has the wrong shape, or a pod spec is
   *     sent without a namespace
   */
  Optional<Workload> workload(List<PodSpecKind> declared) {
    Optional<Workload> workload;
    try {
      workload = WorkloadExtractor.read(kind, object, declared);
    } catch (IllegalArgumentException e) {
      throw new MalformedAdmissionReviewException(
          "request object is not a valid " + kind + ": " + e.getMessage(), e);
    }
    // Policies are namespaced: a pod spec without a namespace would meet none and pass.
    if (workload.isPresent() && namespace.isBlank()) {
      throw new MalformedAdmissionReviewException(
          "request names no namespace for its " + kind.kind());
    }
    return workload.map(read -> read.inNamespace(namespace));
  }

  /**
   * Whether this is an UPDATE whose old object ran the same images. Labels, annotations and scale
   * changes run nothing new; judging them again would, for instance, refuse continuous validation's
   * marks on a pod whose attestation was revoked.
   */
  boolean changesNoImage(Workload workload, List<PodSpecKind> declared) {
    if (!"UPDATE".equals(operation) || oldObject.isEmpty()) {
      return false;
    }
    try {
      return WorkloadExtractor.read(kind, oldObject.get(), declared)
          .map(old -> old.images().equals(workload.images()))
          .orElse(false);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Why an object without a pod spec is admitted unchecked. */
  String noPodSpecReason() {
    return "kind "
        + kind
        + " carries no pod spec (no containers in spec, nothing at spec.template.spec or"
        + " spec.jobTemplate.spec.template.spec, and no policy of the namespace names the kind)";
  }

  /** {@code namespace/name}, as the decision log names an object. */
  String describe() {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    return namespace + "/" + (name.isEmpty() ? metadata.path("generateName").asText("") : name);
  }
}
