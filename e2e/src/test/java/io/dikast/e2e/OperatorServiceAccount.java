package io.dikast.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The operator's ServiceAccount with the ClusterRole of {@code rbac.yaml}, and a short-lived token
 * for it from the TokenRequest API (a bare apiserver has no controller minting token Secrets).
 */
final class OperatorServiceAccount {

  static final String NAMESPACE = "dikast-system";
  static final String NAME = "dikast-operator";
  static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + NAME;
  private static final long TOKEN_SECONDS = 3600;

  private OperatorServiceAccount() {}

  static void install(KubernetesClient admin) {
    byte[] rbac = Manifests.read("rbac.yaml").getBytes(StandardCharsets.UTF_8);
    for (HasMetadata resource : admin.load(new ByteArrayInputStream(rbac)).items()) {
      admin.resource(resource).createOr(NonDeletingOperation::update);
    }
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
}
