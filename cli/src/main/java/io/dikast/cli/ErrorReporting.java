package io.dikast.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one {@code dikast: …} line on stderr, never a stack trace; {@code
 * --verbose} adds the chain of causes, one line each.
 */
final class ErrorReporting implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final String PREFIX = "dikast: ";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    command
        .getErr()
        .println(
            PREFIX
                + ex.getMessage()
                + " (see '"
                + command.getCommandSpec().qualifiedName()
                + " --help')");
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    int exitCode;
    if (ex instanceof CliException failure) {
      err.println(PREFIX + failure.getMessage());
      exitCode = failure.exitCode();
    } else {
      err.println(PREFIX + "unexpected error: " + describe(ex));
      exitCode = ExitCode.USAGE;
    }
    if (command.getParseResult().hasMatchedOption("--verbose")) {
      for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
        err.println("  caused by: " + describe(cause));
      }
    }
    return exitCode;
  }

  private static String describe(Throwable t) {
    return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
