package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built operator jar, running as its own ServiceAccount under the ClusterRole the chart ships,
 * reconciles Kritis resources applied with kubectl; kubectl shows the status it writes.
 */
@ExtendWith(ClusterExtension.class)
class OperatorIT {

  private static final Duration RECONCILED = Duration.ofSeconds(60);

  private static TestCluster cluster;
  private static TestNamespace namespace;
  private static Kubectl kubectl;
  private static Path operatorKubeconfig;
  private static OperatorProcess operator;

  @BeforeAll
  static void startOperator(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    namespace = TestNamespace.create(cluster.admin(), "operator");
    OperatorServiceAccount.install(cluster.admin());
    operatorKubeconfig = OperatorServiceAccount.kubeconfig(cluster);
    operator =
        OperatorProcess.start(
            SuiteSettings.fromEnvironment().operatorJar(), operatorKubeconfig, cluster.workDir());
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
    namespace.close();
  }

  @Test
  void kubectlGetShowsTheStatusTheReconcilersWrite() {
    PgpAuthorityKey key = PgpAuthorityKey.generate();
    assertThat(kubectl.apply(namespace.name(), key.authorityManifest()).succeeded()).isTrue();
    apply("manifests/image-security-policy.yaml");
    apply("manifests/generic-attestation-policy.yaml");

    await()
        .atMost(RECONCILED)
        .untilAsserted(
            () -> {
              String output = kubectl.run("get", "-n", namespace.name(), "isp,aa,gap").stdout();
              List<PrinterTable> tables = PrinterTable.parse(output);
              assertThat(tables)
                  .extracting(PrinterTable::headers)
                  .containsExactly(
                      List.of(
                          "NAME",
                          "READY",
                          "MODE",
                          "AUTHORITIES",
                          "PROVENANCE",
                          "VIOLATIONS",
                          "WOULD-DENY",
                          "AGE"),
                      List.of("NAME", "READY", "NOTE", "KEYS", "AGE"),
                      List.of(
                          "NAME",
                          "READY",
                          "MODE",
                          "AUTHORITIES",
                          "PROVENANCE",
                          "VIOLATIONS",
                          "WOULD-DENY",
                          "AGE"));
              assertThat(tables)
                  .extracting(table -> withoutAge(table.rows()))
                  .containsExactly(
                      List.of(
                          List.of(
                              "imagesecuritypolicy.kritis.grafeas.io/qa-only",
                              "True",
                              "Enforce",
                              "qa-attestor",
                              "",
                              "",
                              "")),
                      List.of(
                          List.of(
                              "attestationauthority.kritis.grafeas.io/qa-attestor",
                              "True",
                              "projects/image-signing/notes/qa",
                              "1")),
                      List.of(
                          List.of(
                              "genericattestationpolicy.kritis.grafeas.io/qa-generic",
                              "True",
                              "Enforce",
                              "qa-attestor",
                              "",
                              "",
                              "")));
            });
  }

  @Test
  void policyNamingAMissingAuthorityIsNotReady() {
    String policy =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: nobody-signs
        spec:
          attestationAuthorityName: nobody
        """;
    assertThat(kubectl.apply(namespace.name(), policy).succeeded()).isTrue();

    await()
        .atMost(RECONCILED)
        .until(
            () ->
                kubectl
                    .readyCondition(namespace.name(), "isp/nobody-signs")
                    .equals("False AuthorityNotFound"));
  }

  /**
   * CEL rules (x-kubernetes-validations) came in Kubernetes 1.23 and are on by default from 1.25.
   * An older server drops them with the CRD and admits a PKIX key without its key material; the
   * operator's key resolver is then the check, and the authority says why it is not Ready. The crds
   * module's schema tests check that the generated CRD carries the rules.
   */
  @Test
  void pkixKeyWithoutKeyMaterialIsRefusedByCelRulesOrReportedByTheOperator() {
    String authority =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: pkix-without-key
        spec:
          noteReference: projects/image-signing/notes/qa
          publicKeys:
          - keyType: PKIX
            keyId: ni:///sha-256;missing
        """;

    Kubectl.Result result = kubectl.apply(namespace.name(), authority, "--validate=false");

    if (cluster.serverMinorVersion() >= 25) {
      assertThat(result.stderr())
          .contains(
              "spec.publicKeys[0]: Invalid value: \"object\": a PKIX key needs pkixPublicKey");
      return;
    }
    assertThat(result.stdout())
        .isEqualTo("attestationauthority.kritis.grafeas.io/pkix-without-key created\n");
    await()
        .atMost(RECONCILED)
        .until(
            () ->
                kubectl
                    .readyCondition(namespace.name(), "aa/pkix-without-key")
                    .equals("False InvalidKey"));
    assertThat(
            kubectl
                .run(
                    "get",
                    "-n",
                    namespace.name(),
                    "aa/pkix-without-key",
                    "-o",
                    "jsonpath={.status.conditions[0].message}")
                .stdout())
        .isEqualTo("publicKeys[0]: pkixPublicKey is missing");
  }

  @Test
  void operatorServiceAccountIsRefusedDeletingPods() throws IOException {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("payment")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("payment")
            .withImage("gcr.io/hightowerlabs/payment:1.0")
            .endContainer()
            .endSpec()
            .build();
    cluster.admin().pods().inNamespace(namespace.name()).resource(pod).create();

    Kubectl.Result canI =
        kubectl.run(
            "auth",
            "can-i",
            "delete",
            "pods",
            "-n",
            namespace.name(),
            "--as",
            OperatorServiceAccount.USER);
    assertThat(canI.exitCode()).isEqualTo(1);
    assertThat(canI.stdout()).isEqualTo("no\n");

    try (KubernetesClient asOperator = clientFor(operatorKubeconfig)) {
      assertThatThrownBy(
              () -> asOperator.pods().inNamespace(namespace.name()).withName("payment").delete())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(403);
                assertThat(e.getMessage())
                    .contains(
                        "pods \"payment\" is forbidden: User \""
                            + OperatorServiceAccount.USER
                            + "\" cannot delete resource \"pods\" in API group \"\" in the namespace \""
                            + namespace.name()
                            + "\"");
              });
    }
    assertThat(cluster.admin().pods().inNamespace(namespace.name()).withName("payment").get())
        .isNotNull();
  }

  @Test
  void operatorServiceAccountMayWatchPoliciesAndWriteStatusButNeitherCreateNorDelete() {
    assertThat(canI("watch", "imagesecuritypolicies.kritis.grafeas.io")).isEqualTo("yes");
    assertThat(canI("patch", "imagesecuritypolicies.kritis.grafeas.io", "--subresource=status"))
        .isEqualTo("yes");
    assertThat(canI("list", "secrets")).isEqualTo("yes");
    // Cosign lookups read the pull secrets of a workload's service account.
    assertThat(canI("watch", "serviceaccounts")).isEqualTo("yes");
    assertThat(canI("update", "serviceaccounts")).isEqualTo("no");
    // A ClusterImageSecurityPolicy selects namespaces by their labels, and reports on itself.
    assertThat(canI("watch", "namespaces")).isEqualTo("yes");
    assertThat(canI("update", "namespaces")).isEqualTo("no");
    assertThat(canI("watch", "clusterimagesecuritypolicies.kritis.grafeas.io")).isEqualTo("yes");
    assertThat(
            canI("patch", "clusterimagesecuritypolicies.kritis.grafeas.io", "--subresource=status"))
        .isEqualTo("yes");
    assertThat(canI("create", "clusterimagesecuritypolicies.kritis.grafeas.io")).isEqualTo("no");
    assertThat(canI("create", "events")).isEqualTo("yes");
    assertThat(canI("create", "imagesecuritypolicies.kritis.grafeas.io")).isEqualTo("no");
    assertThat(canI("delete", "attestationauthorities.kritis.grafeas.io")).isEqualTo("no");
    assertThat(canI("update", "secrets")).isEqualTo("no");
  }

  private static String canI(String verb, String resource, String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "auth",
                "can-i",
                verb,
                resource,
                "-n",
                namespace.name(),
                "--as",
                OperatorServiceAccount.USER));
    args.addAll(List.of(flags));
    return kubectl.run(args.toArray(String[]::new)).stdout().trim();
  }

  private static KubernetesClient clientFor(Path kubeconfig) throws IOException {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }

  private static void apply(String resource) {
    Kubectl.Result result = kubectl.apply(namespace.name(), Manifests.read(resource));
    assertThat(result.stderr()).isEmpty();
  }

  /** Drops the AGE cell, the one value that changes between runs. */
  private static List<List<String>> withoutAge(List<List<String>> rows) {
    return rows.stream().map(row -> row.subList(0, row.size() - 1)).toList();
  }
}
