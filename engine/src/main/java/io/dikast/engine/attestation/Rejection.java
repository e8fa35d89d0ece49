package io.dikast.engine.attestation;

/** Why a signature or payload does not count, as the clause a deny message will carry. */
final class Rejection extends Exception {

  private static final long serialVersionUID = 1L;

  Rejection(String reason) {
    super(reason, null, false, false);
  }

  String reason() {
    return getMessage();
  }
}
