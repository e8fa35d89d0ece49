package io.dikast.operator.webhooktls;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Secret every replica shares. Writes are conditional (create fails if it exists, update fails
 * if it changed since read), so when replicas race, one wins and the others adopt its material.
 */
final class TlsSecret {

  private static final Logger LOG = Logger.getLogger(TlsSecret.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  TlsSecret(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  Optional<Secret> read() {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  /** Creates the Secret with {@code material}, or returns what another replica created first. */
  TlsMaterial createOrAdopt(TlsMaterial material) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/part-of", "dikast")
            .addToLabels("app.kubernetes.io/component", "webhook-tls")
            .endMetadata()
            .withType("kubernetes.io/tls")
            .withData(material.toSecretData())
            .build();
    try {
      client.secrets().inNamespace(namespace).resource(secret).create();
      LOG.infof("Created webhook certificate Secret %s/%s", namespace, name);
      return material;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return adopted();
    }
  }

  /**
   * Replaces {@code current}'s material, or returns what another replica wrote since it was read.
   */
  TlsMaterial replaceOrAdopt(Secret current, TlsMaterial material) {
    Secret updated =
        new SecretBuilder(current).withData(material.toSecretData()).withStringData(null).build();
    try {
      client.secrets().inNamespace(namespace).resource(updated).update();
      LOG.infof("Rotated the webhook certificate in Secret %s/%s", namespace, name);
      return material;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return adopted();
    }
  }

  private TlsMaterial adopted() {
    Secret winner =
        read().orElseThrow(() -> new IllegalStateException("Secret " + name + " vanished"));
    LOG.infof("Another replica wrote Secret %s/%s first; using its certificate", namespace, name);
    return TlsMaterial.fromSecretData(winner.getData())
        .orElseThrow(
            () ->
                new IllegalStateException("Secret " + name + " lacks tls.crt, tls.key or ca.crt"));
  }
}
