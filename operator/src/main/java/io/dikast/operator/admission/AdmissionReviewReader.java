package io.dikast.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dikast.engine.workload.GroupKind;
import io.dikast.engine.workload.WorkloadExtractor;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an {@code admission.k8s.io/v1} AdmissionReview body into an {@link AdmissionCall}. Anything
 * Dikast cannot decide on is a {@link MalformedAdmissionReviewException} whose message says what is
 * wrong; nothing else escapes.
 *
 * <p>The request, not its object, says what is admitted and where: the API server refuses an object
 * whose namespace differs from the request's before any webhook runs, so a review carrying one is
 * not a real request and is refused rather than judged by either namespace. Likewise an object of a
 * built-in workload kind must be of the request's kind.
 */
final class AdmissionReviewReader {

  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";

  private AdmissionReviewReader() {}

  static AdmissionCall read(String body) {
    JsonNode tree = parseTree(body);
    // The objects stay JSON trees: bound to Fabric8's model here and read back into trees for the
    // extractor, they cost most of a warm admission's reading (JFR, 2026-12-07).
    Optional<JsonNode> object = detach(tree, "object");
    Optional<JsonNode> oldObject = detach(tree, "oldObject");
    AdmissionReview review = bind(tree);
    requireEqual("apiVersion", API_VERSION, review.getApiVersion());
    requireEqual("kind", KIND, review.getKind());
    AdmissionRequest request = review.getRequest();
    if (request == null) {
      throw new MalformedAdmissionReviewException("AdmissionReview has no request");
    }
    if (isBlank(request.getUid())) {
      throw new MalformedAdmissionReviewException("AdmissionReview request has no uid");
    }
    if (isBlank(request.getOperation())) {
      throw new MalformedAdmissionReviewException("AdmissionReview request has no operation");
    }
    GroupVersionKind kind = request.getKind();
    if (kind == null || isBlank(kind.getKind())) {
      throw new MalformedAdmissionReviewException("AdmissionReview request has no kind");
    }
    Optional<String> skip = CheckedOperations.skipReason(request);
    if (skip.isPresent()) {
      return AdmissionCall.skipped(request, skip.get());
    }
    return AdmissionCall.checked(
        request,
        reviewedObject(
            request,
            object.orElseThrow(
                () ->
                    new MalformedAdmissionReviewException(
                        request.getOperation() + " request has no object")),
            oldObject));
  }

  private static JsonNode parseTree(String body) {
    if (body == null || body.isBlank()) {
      throw new MalformedAdmissionReviewException("request body is empty");
    }
    try {
      JsonNode tree = AdmissionJson.MAPPER.readTree(body);
      if (tree == null || !tree.isObject()) {
        throw new MalformedAdmissionReviewException("request body is not a JSON object");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw notAReview(e);
    }
  }

  private static AdmissionReview bind(JsonNode tree) {
    try {
      return AdmissionJson.MAPPER.treeToValue(tree, AdmissionReview.class);
    } catch (JsonProcessingException e) {
      throw notAReview(e);
    }
  }

  private static MalformedAdmissionReviewException notAReview(JsonProcessingException e) {
    return new MalformedAdmissionReviewException(
        "request body is not an AdmissionReview: " + e.getOriginalMessage(), e);
  }

  /** Removes {@code request.<field>} from {@code tree}; empty when absent or null. */
  private static Optional<JsonNode> detach(JsonNode tree, String field) {
    if (!(tree.get("request") instanceof ObjectNode request)) {
      return Optional.empty();
    }
    JsonNode object = request.remove(field);
    if (object == null || object.isNull()) {
      return Optional.empty();
    }
    if (!object.isObject()) {
      throw new MalformedAdmissionReviewException("request " + field + " is not a JSON object");
    }
    return Optional.of(object);
  }

  private static ReviewedObject reviewedObject(
      AdmissionRequest request, JsonNode object, Optional<JsonNode> old) {
    GroupKind kind =
        new GroupKind(
            Objects.toString(request.getKind().getGroup(), ""), request.getKind().getKind());
    String namespace = Objects.toString(request.getNamespace(), "");
    String objectNamespace = object.path("metadata").path("namespace").asText("");
    if (!objectNamespace.isEmpty() && !objectNamespace.equals(namespace)) {
      throw new MalformedAdmissionReviewException(
          (namespace.isEmpty()
                  ? "request names no namespace"
                  : "request is for namespace " + namespace)
              + " but its object is in namespace "
              + objectNamespace);
    }
    String objectKind = object.path("kind").asText("");
    GroupKind named = GroupKind.ofApiVersion(object.path("apiVersion").asText(""), objectKind);
    // The API server always sends a built-in object's kind; read as another kind, its pods could
    // be missed (a Pod taken as a Deployment has no template).
    if (WorkloadExtractor.isBuiltIn(kind) && !named.equals(kind)) {
      throw new MalformedAdmissionReviewException(
          (objectKind.isEmpty() ? "request object names no kind" : "request object is a " + named)
              + " but the request is for a "
              + kind);
    }
    return new ReviewedObject(kind, namespace, request.getOperation(), object, old);
  }

  private static void requireEqual(String field, String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new MalformedAdmissionReviewException(
          "AdmissionReview " + field + " must be " + expected + ", not " + actual);
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
