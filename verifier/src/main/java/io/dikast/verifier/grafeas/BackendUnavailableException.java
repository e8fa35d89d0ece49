package io.dikast.verifier.grafeas;

/** Grafeas could not answer in time or at all; the message names the outage for deny messages. */
public class BackendUnavailableException extends Exception {

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public BackendUnavailableException(String message) {
    super(message);
  }
}
