package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ClusterImageSecurityPolicy on the real API server, through the operator jar's webhook: it denies
 * in the namespaces its selector picks, with authorities of the operator's namespace only, leaves
 * the excluded ones alone, and says in its status and printer columns where it applies. Each policy
 * selects a label of its own, so the other suites' namespaces never meet it.
 */
@ExtendWith(ClusterExtension.class)
class ClusterPolicyIT {

  private static final String WEBHOOK = "images.dikast.io";
  private static final Duration DECIDED = ArticleStory.DECIDED;
  private static final String PAYMENT = ArticleStory.PAYMENT;
  private static final String SELECTOR_LABEL = "dikast.io/baseline";

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static TestNamespace platform;
  private static LocalOperator local;
  private static ArticleStory story;

  @BeforeAll
  static void start(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    // The operator's own namespace: where cluster policies find their authorities.
    platform = TestNamespace.create(cluster.admin(), "platform");
    local =
        LocalOperator.start(
            cluster,
            "dikast-e2e-cluster-policies",
            Map.of(
                "dikast.cache.negative-ttl",
                "0s",
                "dikast.cluster-policies.authority-namespace",
                platform.name()));
    story = ArticleStory.start(cluster, local.grafeas());
  }

  @AfterAll
  static void stop() {
    Closeables.closeAll(story, local, platform);
  }

  @Test
  void deniesInTheNamespacesItSelectsWithTheOperatorsAuthorityAndSaysWhereItApplies() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String name = "baseline-" + id;
    story.authorityIn(platform, "qa-" + id);
    try (TestNamespace selected = checked("selected", Map.of(SELECTOR_LABEL, id));
        TestNamespace unselected = checked("unselected", Map.of());
        TestNamespace excluded = checked("excluded", Map.of(SELECTOR_LABEL, id))) {
      // The selected namespace's owners define "qa" with a key of their own: it must not count.
      PgpAuthorityKey tenant = PgpAuthorityKey.generate();
      String tenantQa = tenant.authorityManifest().replace("name: qa-attestor", "name: qa");
      assertThat(kubectl.apply(selected.name(), tenantQa).exitCode()).isZero();
      apply(
          """
          apiVersion: kritis.grafeas.io/v1beta1
          kind: ClusterImageSecurityPolicy
          metadata:
            name: %s
          spec:
            attestationAuthorityName: qa
            namespaceSelector:
              matchLabels: {%s: "%s"}
            excludedNamespaces: [%s]
          """
              .formatted(name, SELECTOR_LABEL, id, excluded.name()));
      await()
          .atMost(DECIDED)
          .until(() -> kubectl.readyCondition("", "cisp/" + name).equals("True AuthoritiesReady"));

      PrinterTable table = PrinterTable.parse(kubectl.run("get", "cisp", name).stdout()).get(0);
      assertThat(table.headers())
          .containsExactly(
              "NAME",
              "READY",
              "MODE",
              "AUTHORITIES",
              "PROVENANCE",
              "NAMESPACES",
              "EXCLUDED",
              "VIOLATIONS",
              "WOULD-DENY",
              "AGE");
      assertThat(table.rows().get(0).subList(0, 7))
          .containsExactly(
              name,
              "True",
              "Enforce",
              "qa",
              "",
              "1",
              String.join(",", sorted(excluded.name(), platform.name())));

      Kubectl.Result refused = kubectl.apply(selected.name(), ArticleStory.pod("payment", PAYMENT));
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr())
          .contains("admission webhook \"" + WEBHOOK + "\" denied the request")
          .contains(
              "image "
                  + PAYMENT
                  + " denied by ClusterImageSecurityPolicy "
                  + name
                  + ": no valid attestation by authority "
                  + platform.name()
                  + "/qa ("
                  + platform.name()
                  + "/qa: no attestation occurrence for this digest)");
      assertThat(kubectl.apply(unselected.name(), ArticleStory.pod("payment", PAYMENT)).stdout())
          .isEqualTo("pod/payment created\n");
      assertThat(kubectl.apply(excluded.name(), ArticleStory.pod("payment", PAYMENT)).stdout())
          .isEqualTo("pod/payment created\n");

      story.uploadClearSignedAttestation("qa-" + id, PAYMENT);
      await()
          .atMost(DECIDED)
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .apply(selected.name(), ArticleStory.pod("payment", PAYMENT))
                              .stdout())
                      .isEqualTo("pod/payment created\n"));
    } finally {
      kubectl.run("delete", "cisp", name);
    }
  }

  @Test
  void excludesTheControlPlaneNamespacesByDefaultAndRefusesAutoAttestation() {
    String name = "auto-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      apply(
          """
          apiVersion: kritis.grafeas.io/v1beta1
          kind: ClusterImageSecurityPolicy
          metadata:
            name: %s
          spec:
            attestationAuthorityName: qa
            namespaceSelector:
              matchLabels: {%s: "%s"}
            privateKeySecretName: signer
          """
              .formatted(name, SELECTOR_LABEL, name));

      assertThat(
              kubectl
                  .run("get", "cisp", name, "-o", "jsonpath={.spec.excludedNamespaces}")
                  .stdout())
          .isEqualTo("[\"kube-node-lease\",\"kube-public\",\"kube-system\"]");
      // Kubernetes 1.25 and later refuse the object by the CRD's rule; this API server stores it.
      await()
          .atMost(DECIDED)
          .until(
              () ->
                  kubectl
                      .readyCondition("", "cisp/" + name)
                      .equals("False AutoAttestationUnsupported"));
      assertThat(
              kubectl
                  .run("get", "cisp", name, "-o", "jsonpath={.status.excludedNamespaces}")
                  .stdout())
          .isEqualTo(
              "[\""
                  + String.join(
                      "\",\"",
                      sorted("kube-node-lease", "kube-public", "kube-system", platform.name()))
                  + "\"]");
    } finally {
      kubectl.run("delete", "cisp", name);
    }
  }

  private static TestNamespace checked(String prefix, Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(WebhookRegistration.CHECKED);
    all.putAll(labels);
    return TestNamespace.create(cluster.admin(), prefix, all);
  }

  private static void apply(String manifest) {
    Kubectl.Result applied = kubectl.runWithInput(manifest, "apply", "-f", "-");
    assertThat(applied.exitCode()).as(applied.stderr()).isZero();
  }

  private static List<String> sorted(String... names) {
    return List.of(names).stream().sorted().toList();
  }
}
