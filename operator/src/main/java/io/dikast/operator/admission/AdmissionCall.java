package io.dikast.operator.admission;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed admission request, read and classified: either an object to check, or the reason it
 * is admitted unchecked.
 *
 * @param object present when the request is in scope (a CREATE or UPDATE of an object)
 * @param skipReason present when the request is out of scope (an operation or subresource that
 *     cannot change what a pod runs)
 */
public record AdmissionCall(
    AdmissionRequest request, Optional<ReviewedObject> object, Optional<String> skipReason) {

  public AdmissionCall {
    Objects.requireNonNull(request, "request");
    if (object.isPresent() == skipReason.isPresent()) {
      throw new IllegalArgumentException("a call is either checked or skipped");
    }
  }

  static AdmissionCall checked(AdmissionRequest request, ReviewedObject object) {
    return new AdmissionCall(request, Optional.of(object), Optional.empty());
  }

  static AdmissionCall skipped(AdmissionRequest request, String reason) {
    return new AdmissionCall(request, Optional.empty(), Optional.of(reason));
  }

  public String uid() {
    return request.getUid();
  }

  /** The request's kind, such as {@code Deployment}, for metrics and logs. */
  public String kind() {
    return request.getKind().getKind();
  }

  public String user() {
    return request.getUserInfo() == null
        ? ""
        : Objects.toString(request.getUserInfo().getUsername(), "");
  }

  /** A dry-run request must not leave side effects such as events or status updates. */
  public boolean dryRun() {
    return Boolean.TRUE.equals(request.getDryRun());
  }
}
