package io.dikast.engine.key;

/** A key that cannot be trusted as written; the message tells a person what to change. */
public final class KeyException extends Exception {

  private static final long serialVersionUID = 1L;

  private final KeyProblem problem;

  public KeyException(KeyProblem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public KeyException(KeyProblem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public KeyProblem problem() {
    return problem;
  }
}
