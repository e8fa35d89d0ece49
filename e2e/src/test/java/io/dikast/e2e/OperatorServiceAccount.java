package io.dikast.e2e;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The operator's ServiceAccount and RBAC as the chart renders them for release {@code dikast} in
 * {@code dikast-system}, and a short-lived token for it from the TokenRequest API (a bare apiserver
 * has no controller minting token Secrets).
 */
final class OperatorServiceAccount {

  static final String NAMESPACE = "dikast-system";
  static final String NAME = "dikast-operator";
  static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + NAME;
  private static final long TOKEN_SECONDS = 3600;

  private OperatorServiceAccount() {}

  static void install(KubernetesClient admin) {
    ChartInstall.applyIdentity(admin, RenderedChart.render("dikast", NAMESPACE, Map.of()));
  }

  static String token(KubernetesClient admin) {
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(TOKEN_SECONDS)
            .endSpec()
            .build();
    return admin
        .serviceAccounts()
        .inNamespace(NAMESPACE)
        .withName(NAME)
        .tokenRequest(request)
        .getStatus()
        .getToken();
  }

  /** A kubeconfig that acts as the operator's ServiceAccount. */
  static Path kubeconfig(TestCluster cluster) {
    return cluster.tokenKubeconfig(NAME, token(cluster.admin()));
  }

  /**
   * A kubeconfig that acts as the operator's ServiceAccount against the server at the URL, in a
   * file of its own so that it never replaces the one other suites restart their operator with.
   */
  static Path kubeconfig(TestCluster cluster, URI server) {
    return cluster.tokenKubeconfig(NAME + "-" + server.getPort(), token(cluster.admin()), server);
  }
}
