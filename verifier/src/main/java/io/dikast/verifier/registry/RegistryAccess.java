package io.dikast.verifier.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a registry.
 *
 * @param credentials the credentials to try, in order, each already matched to the registry; empty
 *     for anonymous access
 * @param caBundlePem PEM certificates trusted beside the JVM's own, for a registry whose
 *     certificate a private CA signed
 * @param plainHttp whether plain HTTP may be used when the registry does not speak TLS; TLS is
 *     never accepted without verification
 */
public record RegistryAccess(
    List<RegistryCredential> credentials, Optional<String> caBundlePem, boolean plainHttp) {

  public static final RegistryAccess ANONYMOUS =
      new RegistryAccess(List.of(), Optional.empty(), false);

  public RegistryAccess {
    credentials = List.copyOf(credentials);
    Objects.requireNonNull(caBundlePem, "caBundlePem");
  }
}
