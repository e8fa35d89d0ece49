package io.dikast.operator.policyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.testing.Gpg;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The informers a replica runs without any reconciler, as a leader-election follower does, against
 * the Fabric8 mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class PolicySetInformersTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final String QA_ONLY = "attestationAuthorityName: qa";

  private static Gpg gpg;
  private static String qaFingerprint;
  private static String rotatedFingerprint;

  KubernetesClient client;

  private final PolicySetView view = new PolicySetView("dikast");
  private final List<AuthorityChange> changes = new CopyOnWriteArrayList<>();
  private PolicySetInformers informers;
  private ClusterPolicies payments;

  @BeforeAll
  static void makeKeys() {
    gpg = Gpg.start();
    qaFingerprint = gpg.generateKey("QA <qa@example.com>");
    rotatedFingerprint = gpg.generateKey("QA 2027 <qa@example.com>", "ed25519", "sign");
  }

  @AfterAll
  static void dropKeys() {
    gpg.close();
  }

  @BeforeEach
  void startInformers() {
    payments = new ClusterPolicies(client, "payments");
    informers = new PolicySetInformers(client, view);
    view.addListener(changes::add);
  }

  @AfterEach
  void stopInformers() {
    informers.stop();
  }

  @Test
  void publishesPoliciesAndAuthoritiesWithTheKeysTheirConfigMapHolds() {
    payments.keyConfigMap("qa-keys", gpg.exportPublicKey(qaFingerprint));
    payments.authorityReading("qa", "qa-keys");
    payments.imageSecurityPolicy("qa-only", QA_ONLY);

    informers.start();
    await().atMost(PATIENCE).until(informers::published);

    NamespacePolicies snapshot = view.snapshot("payments");
    assertThat(snapshot.policies())
        .singleElement()
        .satisfies(
            policy -> {
              assertThat(policy.name()).isEqualTo("qa-only");
              assertThat(policy.authorityNames()).containsExactly("qa");
            });
    ResolvedAuthority qa = snapshot.authority("qa").orElseThrow();
    assertThat(qa.noteName()).isEqualTo("projects/image-signing/notes/qa");
    assertThat(qa.keys()).extracting(TrustedKey::fingerprint).containsExactly(qaFingerprint);
    assertThat(qa.ready()).isTrue();
  }

  @Test
  void anUpdatedPolicyReplacesThePublishedOne() {
    payments.imageSecurityPolicy("qa-only", QA_ONLY);
    informers.start();
    await().atMost(PATIENCE).until(informers::published);

    payments.imageSecurityPolicy("qa-only", QA_ONLY + "\nenforcementMode: DryRun");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(view.snapshot("payments").policies())
                    .extracting(Policy::enforcementMode)
                    .containsExactly(EnforcementMode.DRY_RUN));
  }

  @Test
  void deletedPoliciesAndAuthoritiesLeaveTheViewAndTheAuthorityCache() {
    payments.keyConfigMap("qa-keys", gpg.exportPublicKey(qaFingerprint));
    payments.authorityReading("qa", "qa-keys");
    payments.imageSecurityPolicy("qa-only", QA_ONLY);
    informers.start();
    await().atMost(PATIENCE).until(informers::published);
    String published = view.snapshot("payments").authority("qa").orElseThrow().keySetVersion();

    client
        .resources(ImageSecurityPolicy.class)
        .inNamespace("payments")
        .withName("qa-only")
        .delete();
    client.resources(AttestationAuthority.class).inNamespace("payments").withName("qa").delete();

    await().atMost(PATIENCE).until(() -> view.snapshot("payments").isEmpty());
    assertThat(changes).endsWith(new AuthorityChange("payments", "qa", published, null));
  }

  @Test
  void aRotatedKeyInTheConfigMapRepublishesTheAuthorityWithANewKeySetVersion() {
    payments.keyConfigMap("qa-keys", gpg.exportPublicKey(qaFingerprint));
    payments.authorityReading("qa", "qa-keys");
    informers.start();
    await().atMost(PATIENCE).until(informers::published);
    String before = view.snapshot("payments").authority("qa").orElseThrow().keySetVersion();

    payments.keyConfigMap("qa-keys", gpg.exportPublicKey(rotatedFingerprint));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(view.snapshot("payments").authority("qa").orElseThrow().keys())
                    .extracting(TrustedKey::fingerprint)
                    .containsExactly(rotatedFingerprint));
    String after = view.snapshot("payments").authority("qa").orElseThrow().keySetVersion();
    assertThat(changes).endsWith(new AuthorityChange("payments", "qa", before, after));
  }

  @Test
  void aDeletedKeyConfigMapLeavesTheAuthorityWithoutKeysAndNotReady() {
    payments.keyConfigMap("qa-keys", gpg.exportPublicKey(qaFingerprint));
    payments.authorityReading("qa", "qa-keys");
    informers.start();
    await().atMost(PATIENCE).until(informers::published);

    client.resources(ConfigMap.class).inNamespace("payments").withName("qa-keys").delete();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              ResolvedAuthority qa = view.snapshot("payments").authority("qa").orElseThrow();
              assertThat(qa.keys()).isEmpty();
              assertThat(qa.ready()).isFalse();
            });
  }

  @Test
  void theLoadMonitorKeepsTheReplicaUnreadyUntilTheInformersPublishedEverything() {
    payments.keyConfigMap("qa-keys", gpg.exportPublicKey(qaFingerprint));
    payments.authorityReading("qa", "qa-keys");
    payments.imageSecurityPolicy("qa-only", QA_ONLY);
    PolicySetLoadMonitor monitor = new PolicySetLoadMonitor(informers, view);

    monitor.check();
    boolean loadedBeforeTheInformersRan = view.isLoaded();
    Status readinessBeforeTheInformersRan = monitor.call().getStatus();
    informers.start();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              monitor.check();
              assertThat(view.isLoaded()).isTrue();
            });

    assertThat(loadedBeforeTheInformersRan).isFalse();
    assertThat(readinessBeforeTheInformersRan).isEqualTo(Status.DOWN);
    assertThat(view.snapshot("payments").policies()).hasSize(1);
    assertThat(view.snapshot("payments").authority("qa")).isPresent();
    assertThat(monitor.call().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aClusterPolicyReachesTheNamespacesItsSelectorPicksAsTheirLabelsChange() {
    namespace("payments", Map.of("tier", "prod"));
    namespace("web", Map.of("tier", "dev"));
    new ClusterPolicies(client, "dikast")
        .keyConfigMap("qa-keys", gpg.exportPublicKey(qaFingerprint));
    new ClusterPolicies(client, "dikast").authorityReading("qa", "qa-keys");
    client
        .resource(
            new KubernetesSerialization()
                .unmarshal(
                    """
                    apiVersion: kritis.grafeas.io/v1beta1
                    kind: ClusterImageSecurityPolicy
                    metadata: {name: production}
                    spec:
                      attestationAuthorityName: qa
                      namespaceSelector: {matchLabels: {tier: prod}}
                    """,
                    ClusterImageSecurityPolicy.class))
        .create();

    informers.start();
    await().atMost(PATIENCE).until(informers::published);

    NamespacePolicies payments = view.snapshot("payments");
    assertThat(payments.policies())
        .singleElement()
        .satisfies(policy -> assertThat(policy.authorityNames()).containsExactly("dikast/qa"));
    assertThat(payments.authority("dikast/qa").orElseThrow().keys())
        .extracting(TrustedKey::fingerprint)
        .containsExactly(qaFingerprint);
    assertThat(view.snapshot("web").policies()).isEmpty();

    namespace("web", Map.of("tier", "prod"));

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(view.snapshot("web").policies()).hasSize(1));
    assertThat(view.selectedNamespaces("production")).containsExactly("payments", "web");
  }

  @Test
  void aKindWhoseCrdIsMissingSaysHowToInstallIt() {
    assertThat(
            PolicySetInformers.retrying(
                "ClusterImageSecurityPolicy",
                new KubernetesClientException("Not Found", 404, null)))
        .isEqualTo(
            "ClusterImageSecurityPolicy informer retries: Not Found (its CRD is not installed: apply"
                + " this version's CRDs, which helm upgrade does not)");
    assertThat(
            PolicySetInformers.retrying(
                "ClusterImageSecurityPolicy",
                new CompletionException(new KubernetesClientException("Not Found", 404, null))))
        .as("as the informer hands it over, wrapped")
        .endsWith(
            "(its CRD is not installed: apply this version's CRDs, which helm upgrade does not)");
    assertThat(
            PolicySetInformers.retrying(
                "Secret", new KubernetesClientException("connection refused")))
        .isEqualTo("Secret informer retries: connection refused");
  }

  private void namespace(String name, Map<String, String> labels) {
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .createOr(existing -> existing.update());
  }
}
