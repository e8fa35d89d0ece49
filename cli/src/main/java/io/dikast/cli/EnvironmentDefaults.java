package io.dikast.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for the connection and output options from the environment: {@code --grafeas-ca} from
 * {@code DIKAST_GRAFEAS_CA}, {@code --output} from {@code DIKAST_OUTPUT}, {@code --operator} from
 * {@code DIKAST_OPERATOR}. A flag on the command line always wins.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

  private static final Set<String> OTHER_OPTIONS =
      Set.of("--output", "--operator", "--operator-ca");

  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The variable an option reads its default from, or null when it reads none. */
  static String variableFor(String longName) {
    if (!longName.startsWith("--grafeas") && !OTHER_OPTIONS.contains(longName)) {
      return null;
    }
    return "DIKAST_" + longName.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String variable = variableFor(option.longestName());
    if (variable == null) {
      return null;
    }
    String value = environment.get(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
