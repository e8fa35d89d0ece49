package io.dikast.operator.admission;

import io.dikast.engine.policy.Decision;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The AdmissionReview answers the API server receives. */
final class AdmissionResponses {

  static final String SKIPPED_ANNOTATION = "skipped";

  private AdmissionResponses() {}

  /**
   * The answer for a decision: on denial a 403 status whose message has one line per denial; the
   * decision's warnings and audit annotations either way.
   */
  static AdmissionReview of(String uid, Decision decision) {
    AdmissionResponseBuilder response =
        new AdmissionResponseBuilder()
            .withUid(uid)
            .withAllowed(decision.allowed())
            .withAuditAnnotations(new LinkedHashMap<>(decision.auditAnnotations()));
    if (!decision.warnings().isEmpty()) {
      response.withWarnings(List.copyOf(decision.warnings()));
    }
    if (!decision.allowed()) {
      response.withStatus(forbidden(String.join("\n", decision.denials())));
    }
    return review(response.build());
  }

  /** Admits a request the webhook does not check, recording why in the audit log. */
  static AdmissionReview skipped(String uid, String reason) {
    Map<String, String> audit = new LinkedHashMap<>();
    audit.put("decision", "allowed");
    audit.put(SKIPPED_ANNOTATION, reason);
    return review(
        new AdmissionResponseBuilder()
            .withUid(uid)
            .withAllowed(true)
            .withAuditAnnotations(audit)
            .build());
  }

  /**
   * Denies when the webhook failed in a way it did not foresee: an unexpected error must never
   * admit an image.
   */
  static AdmissionReview failedClosed(String uid, String message) {
    return review(
        new AdmissionResponseBuilder()
            .withUid(uid)
            .withAllowed(false)
            .withStatus(forbidden(message))
            .withAuditAnnotations(Map.of("decision", "denied", "error", message))
            .build());
  }

  private static io.fabric8.kubernetes.api.model.Status forbidden(String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(403)
        .withReason("Forbidden")
        .withMessage(message)
        .build();
  }

  private static AdmissionReview review(AdmissionResponse response) {
    return new AdmissionReviewBuilder()
        .withApiVersion(AdmissionReviewReader.API_VERSION)
        .withKind(AdmissionReviewReader.KIND)
        .withResponse(response)
        .build();
  }
}
