package io.dikast.verifier.registry;

import io.dikast.crds.v1beta1.CosignSource;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.workload.PullSecrets;
import java.util.Objects;
import java.util.Optional;

/**
 * An authority's cosign source, as lookups use it.
 *
 * @param repository where the signatures are kept when not beside the image ({@code
 *     COSIGN_REPOSITORY})
 * @param credentialsSecretName a pull secret of the authority's namespace, tried first
 * @param caBundlePem CAs trusted for the registry beside the system's
 * @param plainHttp whether plain HTTP may be used
 */
public record CosignSettings(
    Optional<String> repository,
    Optional<String> credentialsSecretName,
    Optional<String> caBundlePem,
    boolean plainHttp) {

  public CosignSettings {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(credentialsSecretName, "credentialsSecretName");
    Objects.requireNonNull(caBundlePem, "caBundlePem");
  }

  /** The settings of an authority's {@code cosign} field; empty when it has none. */
  public static Optional<CosignSettings> of(CosignSource source) {
    if (source == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CosignSettings(
            present(source.getRepository()),
            present(source.getCredentialsSecretName()),
            present(source.getCaBundle()),
            Boolean.TRUE.equals(source.getPlainHttp())));
  }

  /**
   * The lookup of {@code image}'s signatures, with the credentials {@code credentials} has for the
   * signature repository.
   */
  public CosignLookup lookup(
      ImageReference image,
      String namespace,
      PullSecrets pullSecrets,
      RegistryCredentials credentials) {
    String signatures = repository.orElse(image.repository());
    return new CosignLookup(
        image,
        repository,
        new RegistryAccess(
            credentials.forRepository(signatures, namespace, credentialsSecretName, pullSecrets),
            caBundlePem,
            plainHttp));
  }

  /**
   * What a cached fact depends on: where the signatures are read. Credentials, CAs and plain HTTP
   * decide only whether the registry answers, and an outage is never cached.
   */
  public String identity() {
    return "cosign:" + repository.orElse("<image repository>");
  }

  private static Optional<String> present(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
