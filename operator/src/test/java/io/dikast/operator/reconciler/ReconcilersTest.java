package io.dikast.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.AttestationAuthorityStatus;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.ClusterPolicyStatus;
import io.dikast.crds.v1beta1.ConditionedStatus;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.KeyStatus;
import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconcile loops against the Fabric8 mock API server, with keys made by gpg and openssl. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ReconcilersTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private static Gpg gpg;
  private static OpenSsl openssl;
  private static String qaFingerprint;
  private static String qaArmored;
  private static String otherFingerprint;
  private static String otherArmored;

  @Inject KubernetesClient client;
  @Inject PolicySetView view;

  @ConfigProperty(name = "quarkus.http.test-port")
  int httpPort;

  private String namespace;

  @BeforeAll
  static void makeKeys() {
    gpg = Gpg.start();
    openssl = OpenSsl.start();
    qaFingerprint = gpg.generateKey("QA <qa@example.com>");
    qaArmored = gpg.exportPublicKey(qaFingerprint);
    otherFingerprint = gpg.generateKey("Release <release@example.com>", "ed25519", "sign");
    otherArmored = gpg.exportPublicKey(otherFingerprint);
  }

  @AfterAll
  static void dropKeys() {
    gpg.close();
    openssl.close();
  }

  @BeforeEach
  void freshNamespace() throws Exception {
    for (String plural :
        List.of(
            "attestationauthorities",
            "imagesecuritypolicies",
            "genericattestationpolicies",
            "clusterimagesecuritypolicies")) {
      try (InputStream crd =
          getClass().getResourceAsStream("/crds/" + plural + ".kritis.grafeas.io-v1.yml")) {
        client
            .resource(YAML.unmarshal(crd, CustomResourceDefinition.class))
            .createOr(c -> c.update());
      }
    }
    namespace = "test-" + NAMESPACES.incrementAndGet();
  }

  @Test
  void pgpAuthorityMadeByGpgBecomesReadyWithItsFingerprint() {
    create(pgpAuthority("qa", qaFingerprint, base64(qaArmored)));

    AttestationAuthorityStatus status = awaitReady("qa", "True");

    assertThat(ready(status).getReason()).isEqualTo("KeysValid");
    assertThat(ready(status).getMessage()).isEqualTo("1 key valid");
    assertThat(status.getKeyCount()).isEqualTo(1);
    KeyStatus key = status.getKeys().get(0);
    assertThat(key.getKeyId()).isEqualTo(qaFingerprint);
    assertThat(key.getFingerprint()).isEqualTo(qaFingerprint);
    assertThat(key.getSource()).isEqualTo("publicKeys[0]");
    assertThat(key.getError()).isNull();
    assertThat(status.getNoteExists()).isNull();
  }

  @Test
  void pkixAuthorityWithOpensslP256KeyBecomesReady() {
    String pem = openssl.ecKey("P-256").publicKeyPem();
    create(
        authority(
            "ci",
            """
            publicKeys:
            - keyType: PKIX
              keyId: ci-key
              pkixPublicKey:
                signatureAlgorithm: ECDSA_P256_SHA256
                publicKeyPem: |
            %s"""
                .formatted(pem.indent(6))));

    AttestationAuthorityStatus status = awaitReady("ci", "True");

    assertThat(status.getKeys())
        .singleElement()
        .satisfies(
            key -> {
              assertThat(key.getKeyId()).isEqualTo("ci-key");
              assertThat(key.getAlgorithm()).isEqualTo("ECDSA_P256_SHA256");
              assertThat(key.getFingerprint()).hasSize(64);
            });
  }

  @Test
  void badKeyMakesAuthorityNotReadyButKeepsTheGoodKeyAndWarns() {
    AttestationAuthority authority = pgpAuthority("qa", qaFingerprint, base64(qaArmored));
    authority
        .getSpec()
        .getPublicKeys()
        .add(pgpAuthority("x", otherFingerprint, "not a key").getSpec().getPublicKeys().get(0));
    create(authority);

    AttestationAuthorityStatus status = awaitReady("qa", "False");

    assertThat(ready(status).getReason()).isEqualTo("InvalidKey");
    assertThat(ready(status).getMessage()).startsWith("publicKeys[1]: ");
    assertThat(status.getKeyCount()).isEqualTo(1);
    assertThat(status.getKeys().get(0).getError()).isNull();
    assertThat(status.getKeys().get(1).getError()).isNotBlank();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(view.snapshot(namespace).authority("qa").orElseThrow())
                    .satisfies(
                        qa -> {
                          assertThat(qa.ready()).isFalse();
                          assertThat(qa.keys())
                              .extracting(TrustedKey::fingerprint)
                              .containsExactly(qaFingerprint);
                        }));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                    .extracting(Event::getReason, Event::getType)
                    .contains(tuple("InvalidKey", "Warning")));
  }

  @Test
  void keyIdOfAnotherKeyGivesKeyIdMismatchNamingBothKeys() {
    create(pgpAuthority("qa", otherFingerprint, qaArmored));

    AttestationAuthorityStatus status = awaitReady("qa", "False");

    assertThat(ready(status).getReason()).isEqualTo("KeyIdMismatch");
    assertThat(ready(status).getMessage())
        .startsWith("publicKeys[0]: ")
        .contains(otherFingerprint)
        .contains(qaFingerprint);
  }

  @Test
  void missingConfigMapGivesKeySourceNotFound() {
    create(authority("qa", "publicKeysFrom: [{configMapName: image-signature-webhook}]"));

    AttestationAuthorityStatus status = awaitReady("qa", "False");

    assertThat(ready(status).getReason()).isEqualTo("KeySourceNotFound");
    assertThat(ready(status).getMessage())
        .isEqualTo(
            "configmap/image-signature-webhook: ConfigMap image-signature-webhook not found");
  }

  @Test
  void keyFromTheArticlesConfigMapWorksAndAChangeToItReconciles() {
    create(authority("qa", "publicKeysFrom: [{configMapName: image-signature-webhook}]"));
    awaitReady("qa", "False");

    // The article names the file after whatever id gpg printed; the key is known by fingerprint.
    client.resource(configMap(Map.of("qa_bob.pub", qaArmored))).create();
    AttestationAuthorityStatus one = awaitKeyCount("qa", 1);
    assertThat(ready(one).getStatus()).isEqualTo("True");
    assertThat(one.getKeys().get(0).getSource())
        .isEqualTo("configmap/image-signature-webhook/qa_bob.pub");
    assertThat(one.getKeys().get(0).getKeyId()).isEqualTo(qaFingerprint);

    client.resource(configMap(Map.of("qa_bob.pub", qaArmored, "other.asc", otherArmored))).update();
    AttestationAuthorityStatus two = awaitKeyCount("qa", 2);
    assertThat(two.getKeys())
        .extracting(KeyStatus::getKeyId)
        .containsExactlyInAnyOrder(qaFingerprint, otherFingerprint);
  }

  @Test
  void policyNamingAMissingAuthorityBecomesReadyWhenTheAuthorityAppears() {
    create(isp("qa-only", "attestationAuthorityName: qa"));
    PolicyStatus waiting = awaitPolicy("qa-only", "False");
    assertThat(ready(waiting).getReason()).isEqualTo("AuthorityNotFound");
    assertThat(ready(waiting).getMessage())
        .isEqualTo("AttestationAuthority qa not found in namespace " + namespace);

    create(pgpAuthority("qa", qaFingerprint, base64(qaArmored)));

    PolicyStatus ready = awaitPolicy("qa-only", "True");
    assertThat(ready(ready).getReason()).isEqualTo("AuthoritiesReady");
    assertThat(ready.getResolvedAuthorities()).containsExactly("qa");
    assertThat(ready.getAuthorities()).isEqualTo("qa");
    assertThat(ready.getEnforcementMode()).isEqualTo("Enforce");
  }

  @Test
  void clusterPolicyResolvesItsAuthorityInTheOperatorsNamespaceAndCountsTheNamespacesItSelects() {
    String tier = "tier-" + namespace;
    String selected = namespace + "-a";
    String other = namespace + "-b";
    client.resource(namespaceLabelled(selected, Map.of("tier", tier))).create();
    client.resource(namespaceLabelled(other, Map.of())).create();
    // An authority of the same name in a selected namespace proves nothing to a cluster policy.
    namespace = selected;
    create(pgpAuthority("qa", qaFingerprint, base64(qaArmored)));
    String name = "baseline-" + selected;
    client
        .resource(
            YAML.unmarshal(
                """
                apiVersion: kritis.grafeas.io/v1beta1
                kind: ClusterImageSecurityPolicy
                metadata: {name: %s}
                spec:
                  attestationAuthorityName: qa
                  namespaceSelector: {matchLabels: {tier: %s}}
                  excludedNamespaces: [kube-system]
                """
                    .formatted(name, tier),
                ClusterImageSecurityPolicy.class))
        .create();

    ClusterPolicyStatus waiting = awaitClusterPolicy(name, "False", 1);
    assertThat(ready(waiting).getReason()).isEqualTo("AuthorityNotFound");
    assertThat(ready(waiting).getMessage())
        .isEqualTo("AttestationAuthority qa not found in namespace dikast-system");
    assertThat(waiting.getAuthorityNamespace()).isEqualTo("dikast-system");
    assertThat(waiting.getExcludedNamespaces()).containsExactly("dikast-system", "kube-system");
    assertThat(waiting.getExcluded()).isEqualTo("dikast-system,kube-system");
    assertThat(waiting.getAuthorities()).isEqualTo("qa");

    namespace = "dikast-system";
    client
        .resource(namespaceLabelled(namespace, Map.of("tier", tier)))
        .createOr(existing -> existing.update());
    create(pgpAuthority("qa", qaFingerprint, base64(qaArmored)));
    client.resource(namespaceLabelled(other, Map.of("tier", tier))).update();

    ClusterPolicyStatus ready = awaitClusterPolicy(name, "True", 2);
    assertThat(ready(ready).getReason()).isEqualTo("AuthoritiesReady");
    assertThat(ready.getResolvedAuthorities()).containsExactly("qa");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(view.snapshot(other).policies())
                    .singleElement()
                    .satisfies(
                        policy -> {
                          assertThat(policy.kind())
                              .isEqualTo(PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY);
                          assertThat(policy.authorityNames()).containsExactly("dikast-system/qa");
                        }));
    assertThat(view.snapshot("dikast-system").policies())
        .as("the operator's own namespace is never selected, whatever its labels")
        .isEmpty();
    client.resources(ClusterImageSecurityPolicy.class).withName(name).delete();
    client
        .resources(AttestationAuthority.class)
        .inNamespace("dikast-system")
        .withName("qa")
        .delete();
  }

  private ClusterPolicyStatus awaitClusterPolicy(String name, String ready, int selected) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                Optional.ofNullable(
                        client.resources(ClusterImageSecurityPolicy.class).withName(name).get())
                    .map(ClusterImageSecurityPolicy::getStatus)
                    .orElse(null),
            status ->
                status != null
                    && Integer.valueOf(selected).equals(status.getSelectedNamespaces())
                    && Conditions.ready(status).map(Condition::getStatus).orElse("").equals(ready));
  }

  private static Namespace namespaceLabelled(String name, Map<String, String> labels) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  @Test
  void policyNamingAProvenanceAuthorityOnlyWaitsForItAndShowsItInItsOwnColumn() {
    create(pgpAuthority("qa", qaFingerprint, base64(qaArmored)));
    create(
        isp(
            "built-by-ci",
            """
            attestationAuthorityName: qa
            provenanceRequirements:
            - authorityName: ci
              builderIdPatterns: [https://github.com/slsa-framework/**]
            """));
    PolicyStatus waiting = awaitPolicy("built-by-ci", "False");
    assertThat(ready(waiting).getReason()).isEqualTo("AuthorityNotFound");
    assertThat(ready(waiting).getMessage())
        .isEqualTo("AttestationAuthority ci not found in namespace " + namespace);
    assertThat(waiting.getAuthorities()).isEqualTo("qa");
    assertThat(waiting.getProvenanceAuthorities()).isEqualTo("ci");

    create(pgpAuthority("ci", otherFingerprint, otherArmored));

    PolicyStatus ready = awaitPolicy("built-by-ci", "True");
    assertThat(ready(ready).getMessage()).isEqualTo("authorities ready: qa,ci");
    assertThat(ready.getResolvedAuthorities()).containsExactly("qa", "ci");

    create(isp("provenance-only", "provenanceRequirements: [{authorityName: ci}]\n"));
    PolicyStatus provenanceOnly = awaitPolicy("provenance-only", "True");
    assertThat(provenanceOnly.getAuthorities()).isNull();
    assertThat(provenanceOnly.getProvenanceAuthorities()).isEqualTo("ci");
  }

  @Test
  void transitionTimeStaysWhenAReconcileDoesNotFlipReady() {
    create(pgpAuthority("qa", qaFingerprint, base64(qaArmored)));
    Condition before = ready(awaitReady("qa", "True"));
    Instant transition = Instant.parse(before.getLastTransitionTime());
    // Transition times have second precision: only a later second can show a wrongly moved time.
    await().atMost(PATIENCE).until(() -> Instant.now().isAfter(transition.plusSeconds(1)));

    AttestationAuthority current = get("qa");
    current
        .getSpec()
        .getPublicKeys()
        .add(pgpAuthority("x", otherFingerprint, otherArmored).getSpec().getPublicKeys().get(0));
    client.resource(current).update();

    AttestationAuthorityStatus after = awaitKeyCount("qa", 2);
    assertThat(ready(after).getStatus()).isEqualTo("True");
    assertThat(ready(after).getObservedGeneration()).isGreaterThan(before.getObservedGeneration());
    assertThat(ready(after).getLastTransitionTime()).isEqualTo(before.getLastTransitionTime());
  }

  @Test
  void policySetViewHoldsTheEnginePoliciesAndTheAuthoritysKeys() {
    create(pgpAuthority("qa", qaFingerprint, base64(qaArmored)));
    create(pgpAuthority("security", otherFingerprint, otherArmored));
    create(
        isp(
            "two-of-three",
            """
            attestationAuthorityName: qa
            attestationAuthorityNames: [security, release]
            requiredAttestations: 2
            enforcementMode: DryRun
            imageAllowlist: [gcr.io/tools/**]
            """));

    PolicyStatus status = awaitPolicy("two-of-three", "False");
    assertThat(ready(status).getReason()).isEqualTo("AuthorityNotFound");
    assertThat(status.getAuthorities()).isEqualTo("2 of 3: qa,security,release");
    assertThat(status.getEnforcementMode()).isEqualTo("DryRun");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              NamespacePolicies snapshot = view.snapshot(namespace);
              assertThat(snapshot.policies())
                  .containsExactly(
                      new Policy(
                          PolicyKind.IMAGE_SECURITY_POLICY,
                          namespace,
                          "two-of-three",
                          List.of("gcr.io/tools/**"),
                          List.of("qa", "security", "release"),
                          2,
                          EnforcementMode.DRY_RUN,
                          BreakglassMode.ALLOW,
                          BackendUnavailableMode.DENY));
              assertThat(snapshot.authority("qa").orElseThrow().keys())
                  .extracting(TrustedKey::keyId)
                  .containsExactly(qaFingerprint);
              assertThat(snapshot.authority("security").orElseThrow().noteName())
                  .isEqualTo("projects/image-signing/notes/qa");
            });

    client.resource(get(ImageSecurityPolicy.class, "two-of-three")).delete();
    await().atMost(PATIENCE).until(() -> view.snapshot(namespace).policies().isEmpty());
  }

  @Test
  void readinessIsUpOnceTheOperatorsInformersRunAndThePolicySetIsLoaded() {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/q/health/ready"))
            .timeout(PATIENCE)
            .build();

    HttpResponse<String> response =
        await()
            .atMost(PATIENCE)
            .until(
                () -> HttpClient.newHttpClient().send(ready, HttpResponse.BodyHandlers.ofString()),
                answer -> answer.statusCode() == 200);

    assertThat(response.body())
        .contains("\"status\": \"UP\"")
        .contains("Quarkus Operator SDK health check")
        .contains("Dikast policy set loaded");
    assertThat(view.isLoaded()).isTrue();
  }

  private AttestationAuthorityStatus awaitReady(String name, String readyStatus) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> get(AttestationAuthority.class, name).getStatus(),
            status ->
                status != null
                    && Conditions.ready(status)
                        .map(c -> readyStatus.equals(c.getStatus()))
                        .orElse(false));
  }

  private AttestationAuthorityStatus awaitKeyCount(String name, int keys) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> get(AttestationAuthority.class, name).getStatus(),
            status -> status != null && Integer.valueOf(keys).equals(status.getKeyCount()));
  }

  private PolicyStatus awaitPolicy(String name, String readyStatus) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> get(ImageSecurityPolicy.class, name).getStatus(),
            status ->
                status != null
                    && Conditions.ready(status)
                        .map(c -> readyStatus.equals(c.getStatus()))
                        .orElse(false));
  }

  private static Condition ready(ConditionedStatus status) {
    return Conditions.ready(status).orElseThrow();
  }

  private AttestationAuthority get(String name) {
    return get(AttestationAuthority.class, name);
  }

  private <T extends HasMetadata> T get(Class<T> type, String name) {
    return client.resources(type).inNamespace(namespace).withName(name).get();
  }

  private void create(HasMetadata resource) {
    client.resource(resource).create();
  }

  private ConfigMap configMap(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("image-signature-webhook")
        .withNamespace(namespace)
        .endMetadata()
        .withData(data)
        .build();
  }

  private AttestationAuthority pgpAuthority(String name, String keyId, String key) {
    return authority(
        name,
        """
        publicKeys:
        - keyType: PGP
          keyId: %s
          asciiArmoredPgpPublicKey: %s
        """
            .formatted(keyId, YAML.asJson(key)));
  }

  private AttestationAuthority authority(String name, String keys) {
    return YAML.unmarshal(
        manifest(
            "AttestationAuthority",
            name,
            "noteReference: projects/image-signing/notes/qa\n" + keys),
        AttestationAuthority.class);
  }

  private ImageSecurityPolicy isp(String name, String spec) {
    return YAML.unmarshal(manifest("ImageSecurityPolicy", name, spec), ImageSecurityPolicy.class);
  }

  private String manifest(String kind, String name, String spec) {
    return "apiVersion: kritis.grafeas.io/v1beta1\nkind: "
        + kind
        + "\nmetadata: {name: "
        + name
        + ", namespace: "
        + namespace
        + "}\nspec:\n"
        + spec.indent(2);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
