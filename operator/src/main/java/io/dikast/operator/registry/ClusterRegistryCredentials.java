package io.dikast.operator.registry;

import io.dikast.engine.workload.PullSecrets;
import io.dikast.verifier.registry.DockerConfigCredentials;
import io.dikast.verifier.registry.RegistryCredential;
import io.dikast.verifier.registry.RegistryCredentials;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Registry credentials from the cluster, read from the informers' stores so a lookup never waits
 * for the API server: the authority's Secret, the workload's {@code imagePullSecrets}, then its
 * service account's, each used only where its {@code .dockerconfigjson} names the registry. A
 * missing or malformed Secret is skipped, as the kubelet skips it; the registry's refusal then
 * names the outage.
 */
@ApplicationScoped
public class ClusterRegistryCredentials implements RegistryCredentials {

  private static final Logger LOG = Logger.getLogger(ClusterRegistryCredentials.class);

  private final PullSecretStore informers;

  public ClusterRegistryCredentials(PullSecretStore informers) {
    this.informers = informers;
  }

  @Override
  public List<RegistryCredential> forRepository(
      String repository,
      String namespace,
      Optional<String> authoritySecret,
      PullSecrets pullSecrets) {
    Set<String> names = new LinkedHashSet<>();
    authoritySecret.ifPresent(names::add);
    names.addAll(pullSecrets.imagePullSecrets());
    informers
        .serviceAccount(namespace, pullSecrets.serviceAccountName())
        .map(ServiceAccount::getImagePullSecrets)
        .ifPresent(
            secrets ->
                secrets.stream()
                    .filter(Objects::nonNull)
                    .map(LocalObjectReference::getName)
                    .filter(Objects::nonNull)
                    .forEach(names::add));
    List<RegistryCredential> credentials = new ArrayList<>();
    for (String name : names) {
      informers
          .secret(namespace, name)
          .flatMap(secret -> credentialIn(secret, repository))
          .ifPresent(credentials::add);
    }
    return credentials;
  }

  private static Optional<RegistryCredential> credentialIn(Secret secret, String repository) {
    String origin =
        "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    try {
      return DockerConfigCredentials.fromSecret(secret.getType(), secret.getData(), origin)
          .credentialFor(repository);
    } catch (IllegalArgumentException e) {
      LOG.warnf("%s is not a usable pull secret: %s", origin, e.getMessage());
      return Optional.empty();
    }
  }
}
