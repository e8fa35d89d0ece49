package io.dikast.operator.standalone;

/** Standalone mode cannot start as configured; the message says what to change. */
public class StandaloneConfigurationException extends RuntimeException {

  public StandaloneConfigurationException(String message) {
    super(message);
  }

  public StandaloneConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
