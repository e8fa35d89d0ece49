package io.dikast.operator.autoattest;

/** Grafeas did not answer: the digest is judged again at its next admission. */
final class RetryLater extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RetryLater(String message) {
    super(message);
  }
}
