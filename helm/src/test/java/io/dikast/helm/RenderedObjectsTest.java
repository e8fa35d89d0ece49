package io.dikast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class RenderedObjectsTest {

  @Test
  void refusesAFieldTheKubernetesModelDoesNotHave() {
    String manifest =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          template:
            spec:
              containers:
                - name: web
                  image: nginx
                  readinessprobe: {}
        """;

    assertThatThrownBy(() -> RenderedObjects.parse(manifest))
        .hasMessageContaining("Unrecognized field \"readinessprobe\"");
  }

  @Test
  void parsesEveryDocumentIntoItsModelClass() {
    String manifest =
        """
        # Source: a comment-only document is skipped
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
        """;

    RenderedObjects objects = RenderedObjects.parse(manifest);

    assertThat(objects.all()).hasSize(2);
    assertThat(objects.one(Deployment.class, "web").getSpec().getReplicas()).isEqualTo(2);
  }
}
