package io.dikast.cli;

/** A failure reported to the user as one {@code dikast: …} line and an exit code. */
public final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  private CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A wrong option, an unreadable file, an unreachable server: exit code 2. */
  public static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message, null);
  }

  public static CliException usage(String message, Throwable cause) {
    return new CliException(ExitCode.USAGE, message, cause);
  }

  /** A denial or a signature that does not verify: exit code 1. */
  public static CliException denied(String message) {
    return new CliException(ExitCode.DENIED, message, null);
  }

  public int exitCode() {
    return exitCode;
  }
}
