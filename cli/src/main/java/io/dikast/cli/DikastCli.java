package io.dikast.cli;

import java.util.Map;
import picocli.CommandLine;

/** Assembles the command line: the commands, defaults from the environment, and error reporting. */
public final class DikastCli {

  private DikastCli() {}

  /**
   * @param environment where options such as {@code --grafeas} take their defaults ({@code
   *     DIKAST_GRAFEAS}); the process environment in production, a map in tests
   */
  public static CommandLine create(Map<String, String> environment) {
    ErrorReporting errors = new ErrorReporting();
    return new CommandLine(new DikastCommand())
        .setDefaultValueProvider(new EnvironmentDefaults(environment))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
  }
}
