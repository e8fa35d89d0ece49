package io.dikast.verifier.registry;

import java.util.Objects;

/**
 * A user name and password (or token) for a registry, as a {@code .dockerconfigjson} entry holds
 * it.
 *
 * @param origin where it came from, such as {@code Secret payments/pull}, for messages; never the
 *     secret itself
 */
public record RegistryCredential(String username, String password, String origin) {

  public RegistryCredential {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(origin, "origin");
  }

  @Override
  public String toString() {
    return "RegistryCredential[" + username + " from " + origin + "]";
  }
}
