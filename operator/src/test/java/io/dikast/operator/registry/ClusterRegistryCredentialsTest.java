package io.dikast.operator.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.workload.PullSecrets;
import io.dikast.verifier.registry.RegistryCredential;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterRegistryCredentialsTest {

  private static final String NS = "payments";
  private static final String REPOSITORY = "registry.example.com/team/payment";

  private final Map<String, Secret> secrets = new HashMap<>();
  private final Map<String, ServiceAccount> accounts = new HashMap<>();
  private final ClusterRegistryCredentials credentials =
      new ClusterRegistryCredentials(
          new PullSecretStore() {
            @Override
            public Optional<Secret> secret(String namespace, String name) {
              return Optional.ofNullable(secrets.get(namespace + "/" + name));
            }

            @Override
            public Optional<ServiceAccount> serviceAccount(String namespace, String name) {
              return Optional.ofNullable(accounts.get(namespace + "/" + name));
            }
          });

  @Test
  void triesTheAuthoritysSecretThenTheWorkloadsThenItsServiceAccounts() {
    pullSecret(NS, "authority", "registry.example.com", "aa-user");
    pullSecret(NS, "workload", "registry.example.com", "pod-user");
    pullSecret(NS, "account", "registry.example.com", "sa-user");
    account(NS, "builder", "account", "workload");

    assertThat(
            users(
                credentials.forRepository(
                    REPOSITORY,
                    NS,
                    Optional.of("authority"),
                    new PullSecrets("builder", List.of("workload")))))
        .containsExactly("aa-user", "pod-user", "sa-user");
  }

  @Test
  void usesOnlySecretsOfTheNamespaceThatNameTheRegistry() {
    pullSecret("other", "workload", "registry.example.com", "foreign");
    pullSecret(NS, "elsewhere", "ghcr.io", "github");
    pullSecret(NS, "workload", "registry.example.com/team", "team-user");

    assertThat(
            users(
                credentials.forRepository(
                    REPOSITORY,
                    NS,
                    Optional.empty(),
                    new PullSecrets("default", List.of("elsewhere", "workload", "missing")))))
        .containsExactly("team-user");
  }

  @Test
  void skipsASecretThatIsNotAPullSecret() {
    secrets.put(
        NS + "/opaque",
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(NS)
            .withName("opaque")
            .endMetadata()
            .withType("Opaque")
            .withData(Map.of("password", base64("x")))
            .build());
    pullSecret(NS, "workload", "registry.example.com", "pod-user");

    assertThat(
            users(
                credentials.forRepository(
                    REPOSITORY,
                    NS,
                    Optional.of("opaque"),
                    new PullSecrets("default", List.of("workload")))))
        .containsExactly("pod-user");
  }

  @Test
  void withNoneAtAllTheRegistryIsReadAnonymously() {
    assertThat(credentials.forRepository(REPOSITORY, NS, Optional.empty(), PullSecrets.DEFAULT))
        .isEmpty();
  }

  private void pullSecret(String namespace, String name, String registry, String user) {
    String config =
        "{\"auths\":{\""
            + registry
            + "\":{\"auth\":\""
            + base64(user + ":password-of-" + user)
            + "\"}}}";
    secrets.put(
        namespace + "/" + name,
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .withType("kubernetes.io/dockerconfigjson")
            .withData(Map.of(".dockerconfigjson", base64(config)))
            .build());
  }

  private void account(String namespace, String name, String... pullSecrets) {
    ServiceAccountBuilder account =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata();
    for (String secret : pullSecrets) {
      account.addNewImagePullSecret(secret);
    }
    accounts.put(namespace + "/" + name, account.build());
  }

  private static List<String> users(List<RegistryCredential> found) {
    return found.stream().map(RegistryCredential::username).toList();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }
}
