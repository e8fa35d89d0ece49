package io.dikast.cli.authority;

import io.dikast.crds.v1beta1.CosignSource;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The authority's {@code cosign} field: where the operator reads its cosign signatures. */
final class CosignSourceOptions {

  @Option(
      names = "--cosign",
      description =
          "Also accept the key's cosign signatures from the image's registry (tag"
              + " sha256-<hex>.sig); --note becomes optional. Needs a PKIX key.")
  boolean enabled;

  @Option(
      names = "--cosign-repository",
      paramLabel = "REPO",
      description = "Read the signatures from this repository instead, like COSIGN_REPOSITORY.")
  String repository;

  @Option(
      names = "--cosign-credentials-secret",
      paramLabel = "NAME",
      description = "Image pull secret of the authority's namespace to log in with first.")
  String credentialsSecret;

  @Option(
      names = "--cosign-plain-http",
      description = "Let the operator fall back to plain HTTP for a registry without TLS.")
  boolean plainHttp;

  /** The field, when {@code --cosign} or one of its options is given. */
  Optional<CosignSource> source() {
    if (!enabled && repository == null && credentialsSecret == null && !plainHttp) {
      return Optional.empty();
    }
    CosignSource source = new CosignSource();
    source.setRepository(repository);
    source.setCredentialsSecretName(credentialsSecret);
    source.setPlainHttp(plainHttp ? true : null);
    return Optional.of(source);
  }
}
