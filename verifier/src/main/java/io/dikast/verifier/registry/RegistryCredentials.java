package io.dikast.verifier.registry;

import io.dikast.engine.workload.PullSecrets;
import java.util.List;
import java.util.Optional;

/**
 * Where the credentials for a signature lookup come from: a cluster's Secrets, or a CLI's files.
 */
public interface RegistryCredentials {

  /** No credentials: every registry is read anonymously. */
  RegistryCredentials NONE = (repository, namespace, authoritySecret, pullSecrets) -> List.of();

  /**
   * The credentials for {@code repository}, in the order to try them: the authority's Secret, then
   * the workload's pull secrets, then its service account's.
   *
   * @param namespace the namespace of the authority and the workload
   */
  List<RegistryCredential> forRepository(
      String repository,
      String namespace,
      Optional<String> authoritySecret,
      PullSecrets pullSecrets);
}
