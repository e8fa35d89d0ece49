package io.dikast.engine.signing;

/** A signing key that cannot be loaded or used; the message names the key's source. */
public final class SigningKeyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What the caller may fix with more input, so each front end can name its own option. */
  public enum Problem {
    PASSPHRASE_REQUIRED,
    SEVERAL_KEYS,
    INVALID
  }

  private final Problem problem;

  public SigningKeyException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  static SigningKeyException invalid(String message) {
    return new SigningKeyException(Problem.INVALID, message, null);
  }

  static SigningKeyException invalid(String message, Throwable cause) {
    return new SigningKeyException(Problem.INVALID, message, cause);
  }

  static SigningKeyException passphraseRequired(String source) {
    return new SigningKeyException(
        Problem.PASSPHRASE_REQUIRED, source + " is protected by a passphrase", null);
  }

  static SigningKeyException wrongPassphrase(String source, Throwable cause) {
    return invalid("the passphrase does not unlock " + source, cause);
  }

  public Problem problem() {
    return problem;
  }
}
