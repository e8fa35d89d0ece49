package io.dikast.cli.registry;

import io.dikast.cli.CliException;
import io.dikast.verifier.registry.DockerConfigCredentials;
import io.dikast.verifier.registry.RegistryCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which registry credentials the CLI reads and writes cosign signatures with: the docker or podman
 * login file the user already has, since the CLI has no cluster Secrets to read.
 */
public final class RegistryOptions {

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "Docker config file with registry credentials (its \"auths\") for cosign signatures;"
              + " $DOCKER_CONFIG/config.json or ~/.docker/config.json when it exists, else"
              + " anonymous.")
  Path configFile;

  /**
   * @param environment where {@code DOCKER_CONFIG} is read from
   */
  public RegistryCredentials credentials(Map<String, String> environment) {
    Optional<Path> file = Optional.ofNullable(configFile).or(() -> defaultFile(environment));
    if (file.isEmpty()) {
      return RegistryCredentials.NONE;
    }
    DockerConfigCredentials parsed;
    try {
      parsed =
          DockerConfigCredentials.dockerConfigJson(
              Files.readString(file.get()), file.get().toString());
    } catch (IOException e) {
      throw CliException.usage(
          "cannot read --registry-config " + file.get() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), e);
    }
    return (repository, namespace, authoritySecret, pullSecrets) ->
        parsed.credentialFor(repository).stream().toList();
  }

  private static Optional<Path> defaultFile(Map<String, String> environment) {
    String directory = environment.get("DOCKER_CONFIG");
    Path file =
        directory == null || directory.isBlank()
            ? Path.of(System.getProperty("user.home"), ".docker", "config.json")
            : Path.of(directory, "config.json");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }
}
