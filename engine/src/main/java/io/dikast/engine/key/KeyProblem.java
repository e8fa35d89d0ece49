package io.dikast.engine.key;

/** Why a key was refused; {@link #reason()} is the CamelCase reason of a status condition. */
public enum KeyProblem {
  INVALID_KEY("InvalidKey"),
  KEY_ID_MISMATCH("KeyIdMismatch"),
  ALGORITHM_MISMATCH("AlgorithmMismatch"),
  UNSUPPORTED_ALGORITHM("UnsupportedAlgorithm");

  private final String reason;

  KeyProblem(String reason) {
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
