package io.dikast.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
    AdmissionReview review = parse(body);
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
    return AdmissionCall.checked(request, reviewedObject(request));
  }

  private static AdmissionReview parse(String body) {
    if (body == null || body.isBlank()) {
      throw new MalformedAdmissionReviewException("request body is empty");
    }
    try {
      JsonNode tree = AdmissionJson.MAPPER.readTree(body);
      if (tree == null || !tree.isObject()) {
        throw new MalformedAdmissionReviewException("request body is not a JSON object");
      }
      return AdmissionJson.MAPPER.treeToValue(tree, AdmissionReview.class);
    } catch (JsonProcessingException e) {
      throw new MalformedAdmissionReviewException(
          "request body is not an AdmissionReview: " + e.getOriginalMessage(), e);
    }
  }

  private static ReviewedObject reviewedObject(AdmissionRequest request) {
    if (request.getObject() == null) {
      throw new MalformedAdmissionReviewException(
          request.getOperation() + " request has no object");
    }
    GroupKind kind =
        new GroupKind(
            Objects.toString(request.getKind().getGroup(), ""), request.getKind().getKind());
    JsonNode object = tree(request.getObject());
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
    Optional<JsonNode> old =
        Optional.ofNullable(request.getOldObject()).map(AdmissionReviewReader::tree);
    return new ReviewedObject(kind, namespace, request.getOperation(), object, old);
  }

  private static JsonNode tree(Object object) {
    try {
      JsonNode tree = AdmissionJson.MAPPER.valueToTree(object);
      if (!tree.isObject()) {
        throw new MalformedAdmissionReviewException("request object is not a JSON object");
      }
      return tree;
    } catch (IllegalArgumentException e) {
      throw new MalformedAdmissionReviewException(
          "request object cannot be read: " + e.getMessage(), e);
    }
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
