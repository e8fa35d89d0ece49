package io.dikast.engine.attestation;

/** Why a signature or payload does not count, as the clause a deny message will carry. */
final class Rejection extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int MAX_QUOTE = 80;

  Rejection(String reason) {
    super(reason, null, false, false);
  }

  String reason() {
    return getMessage();
  }

  /** Untrusted text as a reason may quote it: on one line, and short. */
  static String quote(String untrusted) {
    String oneLine = untrusted.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE) + "…";
  }
}
