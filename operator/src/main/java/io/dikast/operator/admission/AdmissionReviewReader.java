package io.dikast.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.engine.workload.Workload;
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
 */
final class AdmissionReviewReader {

  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";
  static final String UNCHANGED_IMAGES = "UPDATE changes no image";

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
    Optional<String> skip = CheckedKinds.skipReason(request);
    if (skip.isPresent()) {
      return AdmissionCall.skipped(request, skip.get());
    }
    Workload workload = workload(request);
    if (changesNoImage(request, workload)) {
      return AdmissionCall.skipped(request, UNCHANGED_IMAGES);
    }
    return AdmissionCall.checked(request, workload);
  }

  // Labels, annotations and scale changes run nothing new; judging them again would, for instance,
  // refuse continuous validation's marks on a pod whose attestation was revoked.
  private static boolean changesNoImage(AdmissionRequest request, Workload workload) {
    if (!"UPDATE".equals(request.getOperation()) || request.getOldObject() == null) {
      return false;
    }
    try {
      Workload old =
          WorkloadExtractor.fromJson(
              AdmissionJson.MAPPER.writeValueAsString(request.getOldObject()));
      return old.images().equals(workload.images());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return false;
    }
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

  private static Workload workload(AdmissionRequest request) {
    if (request.getObject() == null) {
      throw new MalformedAdmissionReviewException(
          request.getOperation() + " request has no object");
    }
    Workload workload;
    try {
      workload =
          WorkloadExtractor.fromJson(AdmissionJson.MAPPER.writeValueAsString(request.getObject()));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MalformedAdmissionReviewException(
          "request object is not a workload: " + e.getMessage(), e);
    }
    if (!workload.kind().equals(request.getKind().getKind())) {
      throw new MalformedAdmissionReviewException(
          "request object is a "
              + workload.kind()
              + " but the request is for a "
              + request.getKind().getKind());
    }
    Workload placed = workload.inNamespaceIfAbsent(Objects.toString(request.getNamespace(), ""));
    // Every checked kind is namespaced: without a namespace it would meet no policy and pass.
    if (isBlank(placed.namespace())) {
      throw new MalformedAdmissionReviewException(
          "request names no namespace for its " + request.getKind().getKind());
    }
    return placed;
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
