package io.dikast.verifier.registry;

/**
 * The registry answered, and what it holds at the signature tag is not cosign's simple-signing
 * layout; the message says what is wrong, for deny messages.
 */
public class UnreadableSignaturesException extends Exception {

  public UnreadableSignaturesException(String message) {
    super(message);
  }

  public UnreadableSignaturesException(String message, Throwable cause) {
    super(message, cause);
  }
}
