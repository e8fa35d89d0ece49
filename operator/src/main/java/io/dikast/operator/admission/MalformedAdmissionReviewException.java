package io.dikast.operator.admission;

/** The request body is not an AdmissionReview Dikast can decide on; answered with HTTP 400. */
public class MalformedAdmissionReviewException extends RuntimeException {

  public MalformedAdmissionReviewException(String message) {
    super(message);
  }

  public MalformedAdmissionReviewException(String message, Throwable cause) {
    super(message, cause);
  }
}
