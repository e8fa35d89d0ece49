package io.dikast.cli.output;

import picocli.CommandLine.Option;

/** {@code --output} and {@code --verbose}, shared by every command. */
public final class OutputOptions {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Result format: ${COMPLETION-CANDIDATES} (default: text; env DIKAST_OUTPUT).")
  OutputFormat format = OutputFormat.TEXT;

  @Option(
      names = "--verbose",
      description = "On failure, also print the chain of causes behind the one-line error.")
  boolean verbose;

  public OutputFormat format() {
    return format;
  }
}
