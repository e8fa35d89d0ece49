package io.dikast.quickstart;

import io.dikast.cli.DikastCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs a {@code dikast} command in this JVM, exactly as the launcher would, capturing its output.
 */
final class DikastCommandLine {

  record Result(int exitCode, String out, String err) {}

  private DikastCommandLine() {}

  static Result run(List<String> arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DikastCli.create(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(arguments.toArray(String[]::new));
    return new Result(exitCode, out.toString(), err.toString());
  }
}
