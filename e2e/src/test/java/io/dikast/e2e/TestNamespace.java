package io.dikast.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.UUID;

/** A namespace of the test's own, so test classes never see each other's resources. */
final class TestNamespace implements AutoCloseable {

  private final KubernetesClient client;
  private final String name;

  private TestNamespace(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  static TestNamespace create(KubernetesClient client, String prefix) {
    return create(client, prefix, Map.of());
  }

  /** With labels, such as the one a webhook's namespaceSelector matches. */
  static TestNamespace create(KubernetesClient client, String prefix, Map<String, String> labels) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
    return new TestNamespace(client, name);
  }

  String name() {
    return name;
  }

  /**
   * Asks for deletion; a bare apiserver has no namespace controller to finish it, which is harmless
   * there because its etcd is thrown away, while a real cluster cleans up.
   */
  @Override
  public void close() {
    client.namespaces().withName(name).delete();
  }
}
