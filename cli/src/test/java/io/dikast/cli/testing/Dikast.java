package io.dikast.cli.testing;

import io.dikast.cli.DikastCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process, as {@code bin/dikast} would, capturing its streams. */
public final class Dikast {

  /** One run's exit code, stdout and stderr. */
  public record Run(int exitCode, String out, String err) {}

  private Dikast() {}

  public static Run run(String... args) {
    return run(Map.of(), args);
  }

  public static Run run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = DikastCli.create(environment);
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exitCode = command.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
