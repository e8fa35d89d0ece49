package io.dikast.cli;

/** The exit codes every command keeps to, so scripts and CI can tell a denial from a mistake. */
public final class ExitCode {

  public static final int OK = 0;

  /** A policy denied the workload or a signature did not verify. */
  public static final int DENIED = 1;

  /** The command line, a file it names, or a server it talks to is wrong or unreachable. */
  public static final int USAGE = 2;

  private ExitCode() {}
}
