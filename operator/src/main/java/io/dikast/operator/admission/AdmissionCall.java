package io.dikast.operator.admission;

import io.dikast.engine.workload.Workload;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed admission request, read and classified: either a workload to check, or the reason
 * it is admitted unchecked.
 *
 * @param workload present when the request is in scope, its namespace filled from the request
 * @param skipReason present when the request is out of scope (an operation or kind the webhook
 *     configuration does not send)
 */
public record AdmissionCall(
    AdmissionRequest request, Optional<Workload> workload, Optional<String> skipReason) {

  public AdmissionCall {
    Objects.requireNonNull(request, "request");
    if (workload.isPresent() == skipReason.isPresent()) {
      throw new IllegalArgumentException("a call is either checked or skipped");
    }
  }

  static AdmissionCall checked(AdmissionRequest request, Workload workload) {
    return new AdmissionCall(request, Optional.of(workload), Optional.empty());
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
