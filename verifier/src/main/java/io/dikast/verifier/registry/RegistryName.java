package io.dikast.verifier.registry;

/**
 * A normalised repository split for the registry API.
 *
 * @param domain the registry as the repository names it, for messages
 * @param apiHost the host the API is called on: Docker Hub's {@code docker.io} serves its API at
 *     {@code registry-1.docker.io}
 * @param path the repository within the registry
 */
record RegistryName(String domain, String apiHost, String path) {

  static RegistryName of(String repository) {
    int slash = repository.indexOf('/');
    if (slash <= 0 || slash == repository.length() - 1) {
      throw new IllegalArgumentException(
          "repository " + repository + " is not normalised as domain/path");
    }
    String domain = repository.substring(0, slash);
    String apiHost = domain.equals("docker.io") ? "registry-1.docker.io" : domain;
    return new RegistryName(domain, apiHost, repository.substring(slash + 1));
  }
}
