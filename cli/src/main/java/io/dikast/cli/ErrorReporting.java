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
      err.println(PREFIX + oneLine(failure.getMessage()));
      exitCode = failure.exitCode();
    } else {
      err.println(PREFIX + "unexpected error: " + oneLine(describe(ex)));
      exitCode = ExitCode.USAGE;
    }
    if (command.getParseResult().hasMatchedOption("--verbose")) {
      for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
        err.println("  caused by: " + oneLine(describe(cause)));
      }
    }
    return exitCode;
  }

  // Messages from libraries may span lines; the promise is one line per error.
  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static String describe(Throwable t) {
    return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
