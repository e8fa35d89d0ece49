package io.dikast.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** The CRDs the crds module generates, read from its jar as a user would apply them. */
final class KritisCrds {

  static final List<String> NAMES =
      List.of(
          "attestationauthorities.kritis.grafeas.io",
          "imagesecuritypolicies.kritis.grafeas.io",
          "genericattestationpolicies.kritis.grafeas.io",
          "clusterimagesecuritypolicies.kritis.grafeas.io",
          "kritisconfigs.kritis.grafeas.io");

  private KritisCrds() {}

  static List<CustomResourceDefinition> fromCrdsJar() {
    return NAMES.stream().map(KritisCrds::load).toList();
  }

  /**
   * Creates or updates the CRDs and waits until the API server serves them. Not server-side apply:
   * an older apiserver refuses fields its schema lacks (x-kubernetes-validations before 1.23),
   * while create and update drop them.
   */
  static void install(KubernetesClient client) {
    for (CustomResourceDefinition crd : fromCrdsJar()) {
      client.resource(crd).createOr(NonDeletingOperation::update);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> NAMES.stream().allMatch(name -> established(client, name)));
  }

  static boolean established(KubernetesClient client, String name) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static CustomResourceDefinition load(String name) {
    String resource = "/crds/" + name + "-v1.yml";
    try (InputStream in = KritisCrds.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath (dikast-crds jar)");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
