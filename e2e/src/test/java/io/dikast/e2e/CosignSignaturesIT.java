package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.engine.testing.OpenSsl;
import io.dikast.verifier.testing.CosignImages;
import io.dikast.verifier.testing.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * cosign's keyed signatures in a real OCI registry (Debian's docker-registry on loopback), read by
 * the operator jar's webhook behind the real API server: a signed pod is admitted, an unsigned one
 * and one signed by a stranger are denied, and a registry behind a password is read with the
 * workload's pull secret, its service account's, or the authority's Secret.
 */
@ExtendWith(ClusterExtension.class)
class CosignSignaturesIT {

  private static final String WEBHOOK = "images.dikast.io";
  private static final String USER = "robot";
  private static final String PASSWORD = "s3cret-pull";
  private static final Duration DECIDED = ArticleStory.DECIDED;

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static LocalOperator local;
  private static LocalRegistry open;
  private static LocalRegistry guarded;
  private static OpenSsl openssl;
  private static OpenSsl.Key release;

  @BeforeAll
  static void start(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    openssl = OpenSsl.start();
    release = openssl.ecKey("P-256");
    open = LocalRegistry.open();
    guarded = LocalRegistry.withPassword(USER, PASSWORD);
    local =
        LocalOperator.start(
            cluster, "dikast-e2e-cosign", Map.of("dikast.cache.negative-ttl", "0s"));
  }

  @AfterAll
  static void stop() {
    Closeables.closeAll(local, open, guarded, openssl);
  }

  @Test
  void admitsAPodWhoseImageTheAuthoritysKeySignedAndDeniesOthers() {
    String signed = image(open, "team/payment", "payment v1");
    sign(open, "team/payment", signed, release);
    String unsigned = image(open, "team/payment", "payment v2");
    OpenSsl.Key stranger = openssl.ecKey("P-256");
    String strangers = image(open, "team/payment", "payment v3");
    sign(open, "team/payment", strangers, stranger);

    try (TestNamespace namespace = cosignNamespace("cosign", "")) {
      assertThat(kubectl.apply(namespace.name(), ArticleStory.pod("signed", signed)).stdout())
          .isEqualTo("pod/signed created\n");

      Kubectl.Result refused =
          kubectl.apply(namespace.name(), ArticleStory.pod("unsigned", unsigned));
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr())
          .contains("admission webhook \"" + WEBHOOK + "\" denied the request")
          .contains(
              "image "
                  + unsigned
                  + " denied by ImageSecurityPolicy "
                  + namespace.name()
                  + "/release-only: no valid attestation by authority release (release: no cosign"
                  + " signature for "
                  + unsigned
                  + " (no "
                  + open.repository("team/payment")
                  + ":"
                  + CosignImages.signatureTag(unsigned.substring(unsigned.indexOf('@') + 1))
                  + "))");

      assertThat(kubectl.apply(namespace.name(), ArticleStory.pod("stranger", strangers)).stderr())
          .contains("cosign signature does not verify with any key of this authority");
    }
  }

  @Test
  void readsAGuardedRegistryWithTheWorkloadsPullSecretOnly() {
    String signed = image(guarded, "team/worker", "worker v1");
    sign(guarded, "team/worker", signed, release);

    try (TestNamespace namespace = cosignNamespace("cosign-pull", "")) {
      pullSecret(namespace, "registry-login");

      Kubectl.Result anonymous =
          kubectl.apply(namespace.name(), ArticleStory.pod("anonymous", signed));
      assertThat(anonymous.exitCode()).isEqualTo(1);
      assertThat(anonymous.stderr()).contains("registry " + guarded.host());

      await()
          .atMost(DECIDED)
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .apply(
                                  namespace.name(),
                                  podWithPullSecret("pulled", signed, "registry-login"))
                              .stdout())
                      .isEqualTo("pod/pulled created\n"));
    }
  }

  @Test
  void readsAGuardedRegistryWithTheServiceAccountsOrTheAuthoritysSecret() {
    String signed = image(guarded, "team/batch", "batch v1");
    sign(guarded, "team/batch", signed, release);

    try (TestNamespace byAccount = cosignNamespace("cosign-sa", "")) {
      pullSecret(byAccount, "registry-login");
      assertThat(
              kubectl
                  .runWithInput(
                      """
                      apiVersion: v1
                      kind: ServiceAccount
                      metadata:
                        name: builder
                      imagePullSecrets:
                      - name: registry-login
                      """,
                      "apply",
                      "-n",
                      byAccount.name(),
                      "-f",
                      "-")
                  .exitCode())
          .isZero();
      await()
          .atMost(DECIDED)
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .apply(byAccount.name(), podAs("as-builder", signed, "builder"))
                              .stdout())
                      .isEqualTo("pod/as-builder created\n"));
    }

    try (TestNamespace byAuthority =
        cosignNamespace("cosign-aa", "  credentialsSecretName: registry-login\n")) {
      pullSecret(byAuthority, "registry-login");
      await()
          .atMost(DECIDED)
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .apply(byAuthority.name(), ArticleStory.pod("plain", signed))
                              .stdout())
                      .isEqualTo("pod/plain created\n"));
    }
  }

  private static String image(LocalRegistry registry, String path, String content) {
    return registry.repository(path) + "@" + CosignImages.pushImage(registry, path, content);
  }

  private static void sign(LocalRegistry registry, String path, String image, OpenSsl.Key key) {
    String digest = image.substring(image.indexOf('@') + 1);
    CosignImages.pushSignatures(
        registry,
        path,
        digest,
        List.of(
            CosignImages.signed(
                openssl, key, CosignImages.payload(registry.repository(path), digest))));
  }

  /** A checked namespace whose policy needs authority {@code release}'s cosign signature. */
  private static TestNamespace cosignNamespace(String prefix, String moreCosign) {
    TestNamespace namespace =
        TestNamespace.create(cluster.admin(), prefix, WebhookRegistration.CHECKED);
    String resources =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: release
        spec:
          cosign:
            plainHttp: true
        %s  publicKeys:
          - keyType: PKIX
            keyId: release
            pkixPublicKey:
              signatureAlgorithm: ECDSA_P256_SHA256
              publicKeyPem: |
        %s---
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: release-only
        spec:
          attestationAuthorityNames: [release]
        """
            .formatted(moreCosign.indent(2), release.publicKeyPem().indent(8));
    Kubectl.Result applied =
        kubectl.runWithInput(resources, "apply", "-n", namespace.name(), "-f", "-");
    assertThat(applied.exitCode()).as(applied.stderr()).isZero();
    Kubectl.Result ready =
        kubectl.run(
            "wait",
            "-n",
            namespace.name(),
            "--for=condition=Ready",
            "isp/release-only",
            "--timeout=60s");
    assertThat(ready.exitCode()).as(ready.stderr()).isZero();
    return namespace;
  }

  private static void pullSecret(TestNamespace namespace, String name) {
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    String config = "{\"auths\":{\"" + guarded.host() + "\":{\"auth\":\"" + auth + "\"}}}";
    Kubectl.Result created =
        kubectl.run(
            "create",
            "secret",
            "generic",
            name,
            "-n",
            namespace.name(),
            "--type=kubernetes.io/dockerconfigjson",
            "--from-literal=.dockerconfigjson=" + config);
    assertThat(created.exitCode()).as(created.stderr()).isZero();
  }

  private static String podWithPullSecret(String name, String image, String secret) {
    return ArticleStory.pod(name, image) + "  imagePullSecrets:\n  - name: " + secret + "\n";
  }

  private static String podAs(String name, String image, String account) {
    return ArticleStory.pod(name, image) + "  serviceAccountName: " + account + "\n";
  }
}
