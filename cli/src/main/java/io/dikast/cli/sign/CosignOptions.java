package io.dikast.cli.sign;

import io.dikast.cli.InputFiles;
import io.dikast.cli.registry.RegistryOptions;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.workload.PullSecrets;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.CosignSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code dikast sign --cosign} pushes the signature, with the same knobs an authority's
 * {@code cosign} field has, so what the CLI writes is where the operator reads.
 */
final class CosignOptions {

  @Option(
      names = "--cosign",
      description =
          "Push a cosign signature to the registry (tag sha256-<hex>.sig) instead of a Grafeas"
              + " attestation; needs a PKIX key.")
  boolean enabled;

  @Option(
      names = "--cosign-repository",
      paramLabel = "REPO",
      description =
          "Repository the signature is pushed to instead of the image's, like COSIGN_REPOSITORY"
              + " (registry/path).")
  String repository;

  @Option(
      names = "--registry-ca",
      paramLabel = "FILE",
      description = "PEM CA certificates trusted for the registry beside the system's.")
  Path caFile;

  @Option(
      names = "--plain-http",
      description = "Fall back to plain HTTP when the registry does not speak TLS.")
  boolean plainHttp;

  @Mixin RegistryOptions registry;

  /** The signature manifest of {@code image}, and how to reach its registry. */
  CosignLookup target(ImageReference image, Map<String, String> environment) {
    Optional<String> ca =
        Optional.ofNullable(caFile)
            .map(
                file ->
                    new String(
                        InputFiles.read(file, "--registry-ca file"), StandardCharsets.UTF_8));
    return new CosignSettings(
            Optional.ofNullable(repository).map(String::strip).filter(r -> !r.isEmpty()),
            Optional.empty(),
            ca,
            plainHttp)
        .lookup(image, "", PullSecrets.DEFAULT, registry.credentials(environment));
  }
}
