package io.dikast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DefaultInstallTest {

  private static final RenderedObjects OBJECTS = DikastChart.assembled().render(null);

  private final Deployment operator = OBJECTS.one(Deployment.class, "dikast-operator");
  private final Deployment grafeas = OBJECTS.one(Deployment.class, "dikast-grafeas");

  @Test
  void rendersTheOperatorTheWebhookAndAGrafeasServerOnAVolume() {
    assertThat(OBJECTS.all())
        .extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            tuple("ServiceAccount", "dikast-operator"),
            tuple("ClusterRole", "dikast-operator"),
            tuple("ClusterRoleBinding", "dikast-operator"),
            tuple("Role", "dikast-operator"),
            tuple("RoleBinding", "dikast-operator"),
            tuple("Deployment", "dikast-operator"),
            tuple("Service", "dikast-operator"),
            tuple("PodDisruptionBudget", "dikast-operator"),
            tuple("ValidatingWebhookConfiguration", "dikast-dikast-system"),
            tuple("ServiceAccount", "dikast-grafeas"),
            tuple("Service", "dikast-grafeas"),
            tuple("PersistentVolumeClaim", "dikast-grafeas-data"),
            tuple("Deployment", "dikast-grafeas"));
  }

  @Test
  void shipsTheGeneratedCrdsOfTheCrdsModule() throws IOException {
    Path crds = DikastChart.assembled().directory().resolve("crds");
    try (Stream<Path> files = Files.list(crds)) {
      List<CustomResourceDefinition> definitions =
          files
              .sorted()
              .map(DefaultInstallTest::read)
              .map(yaml -> RenderedObjects.STRICT.unmarshal(yaml, CustomResourceDefinition.class))
              .toList();

      assertThat(definitions)
          .extracting(d -> d.getMetadata().getName())
          .containsExactly(
              "attestationauthorities.kritis.grafeas.io",
              "clusterimagesecuritypolicies.kritis.grafeas.io",
              "genericattestationpolicies.kritis.grafeas.io",
              "imagesecuritypolicies.kritis.grafeas.io",
              "kritisconfigs.kritis.grafeas.io");
    }
  }

  @Test
  void runsTwoOperatorReplicasThatEachServeAdmissionsAndNoDowntimeRollouts() {
    assertThat(operator.getSpec().getReplicas()).isEqualTo(2);
    assertThat(operator.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    PodDisruptionBudget budget = OBJECTS.one(PodDisruptionBudget.class, "dikast-operator");
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(operator.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void clusterPoliciesNameAuthoritiesOfTheReleaseNamespaceAndSelectNamespacesByTheirLabels() {
    assertThat(env(container(operator, "operator")))
        .contains(new EnvVar("DIKAST_CLUSTER_POLICIES_AUTHORITY_NAMESPACE", "dikast-system", null));
    ClusterRole role = OBJECTS.one(ClusterRole.class, "dikast-operator");
    assertThat(role.getRules())
        .filteredOn(r -> r.getResources().contains("namespaces"))
        .extracting(PolicyRule::getVerbs)
        .containsExactly(List.of("get", "list", "watch"));
    assertThat(role.getRules())
        .filteredOn(r -> r.getResources().contains("clusterimagesecuritypolicies/status"))
        .extracting(PolicyRule::getVerbs)
        .containsExactly(List.of("get", "patch", "update"));
  }

  @Test
  void electsAReconcilingLeaderThroughItsOwnLeaseInTheReleaseNamespace() {
    assertThat(env(container(operator, "operator")))
        .contains(
            new EnvVar("DIKAST_LEADER_ELECTION_ENABLED", "true", null),
            new EnvVar("DIKAST_LEADER_ELECTION_LEASE_NAME", "dikast-operator-leader", null),
            new EnvVar("DIKAST_LEADER_ELECTION_LEASE_NAMESPACE", "dikast-system", null));
    Role role = OBJECTS.one(Role.class, "dikast-operator");
    assertThat(role.getMetadata().getNamespace()).isEqualTo("dikast-system");
    assertThat(role.getRules())
        .filteredOn(r -> r.getResources().contains("leases"))
        .extracting(PolicyRule::getVerbs, PolicyRule::getResourceNames)
        .containsExactly(
            tuple(List.of("create"), List.of()),
            tuple(List.of("get", "update", "patch"), List.of("dikast-operator-leader")));
  }

  @Test
  void sizesTheJvmForTheContainersLimitsAsTheMemoryScenarioMeasuredIt() {
    Container container = container(operator, "operator");

    assertThat(container.getResources().getLimits())
        .containsEntry("memory", new Quantity("512Mi"))
        .containsEntry("cpu", new Quantity("1"));
    assertThat(env(container))
        .contains(
            new EnvVar(
                "JAVA_TOOL_OPTIONS",
                "-XX:MaxRAMPercentage=75.0 -XX:+UseSerialGC -XX:MinHeapFreeRatio=5"
                    + " -XX:MaxHeapFreeRatio=20 -XX:NewRatio=4 -XX:TieredStopAtLevel=1"
                    + " -XX:+ExitOnOutOfMemoryError"
                    + " -Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                null),
            new EnvVar("MALLOC_ARENA_MAX", "2", null));
  }

  @Test
  void reportsUnreadyForFiveSecondsThenDrainsAdmissionsWithinTheGracePeriod() {
    assertThat(operator.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(30);
    assertThat(env(container(operator, "operator")))
        .contains(
            new EnvVar("QUARKUS_SHUTDOWN_DELAY", "5s", null),
            new EnvVar("QUARKUS_SHUTDOWN_TIMEOUT", "20s", null));
  }

  @Test
  void everyContainerRunsNonRootReadOnlyWithoutPrivilegesOrCapabilities() {
    for (Deployment deployment : OBJECTS.all(Deployment.class)) {
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.getVolumes())
          .filteredOn(v -> v.getName().equals("tmp"))
          .singleElement()
          .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
      for (Container container : allContainers(pod)) {
        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).as(container.getName()).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getVolumeMounts())
            .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
      }
    }
  }

  @Test
  void probesTheHealthEndpointsOverTheWebhookPort() {
    Container container = container(operator, "operator");

    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
    assertThat(container.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("https");
    assertThat(container.getPorts())
        .extracting(p -> p.getName(), p -> p.getContainerPort())
        .containsExactly(tuple("https", 8443));
    Container server = container(grafeas, "grafeas");
    assertThat(server.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(server.getReadinessProbe().getHttpGet().getScheme()).isNull();
  }

  @Test
  void servesTheWebhookOnPort443OfItsService() {
    Service service = OBJECTS.one(Service.class, "dikast-operator");

    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getPort()).isEqualTo(443);
              assertThat(port.getTargetPort().getStrVal()).isEqualTo("https");
            });
    assertThat(service.getSpec().getSelector())
        .isEqualTo(operator.getSpec().getSelector().getMatchLabels());
    assertThat(operator.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/scheme", "https")
        .containsEntry("prometheus.io/path", "/q/metrics");
  }

  @Test
  void webhookFailsClosedWithinTenSecondsAndHasNoSideEffects() {
    ValidatingWebhook webhook = webhook();

    assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
    assertThat(webhook.getTimeoutSeconds()).isEqualTo(10);
    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(webhook.getClientConfig().getService().getName()).isEqualTo("dikast-operator");
    assertThat(webhook.getClientConfig().getService().getNamespace()).isEqualTo("dikast-system");
    assertThat(webhook.getClientConfig().getService().getPath()).isEqualTo("/validate");
    assertThat(webhook.getClientConfig().getService().getPort()).isEqualTo(443);
  }

  @Test
  void webhookChecksEveryWorkloadKindOnCreateAndUpdate() {
    List<RuleWithOperations> rules = webhook().getRules();

    assertThat(rules)
        .allSatisfy(
            rule -> {
              assertThat(rule.getOperations()).containsExactly("CREATE", "UPDATE");
              assertThat(rule.getApiVersions()).containsExactly("v1");
            });
    assertThat(rules)
        .flatExtracting(
            rule ->
                rule.getResources().stream()
                    .map(resource -> rule.getApiGroups().get(0) + "/" + resource)
                    .toList())
        .containsExactlyInAnyOrder(
            "/pods",
            "/pods/ephemeralcontainers",
            "/replicationcontrollers",
            "apps/deployments",
            "apps/replicasets",
            "apps/statefulsets",
            "apps/daemonsets",
            "batch/jobs",
            "batch/cronjobs");
  }

  @Test
  void webhookSkipsItsOwnNamespaceKubeSystemAndOptedOutNamespaces() {
    List<LabelSelectorRequirement> expressions =
        webhook().getNamespaceSelector().getMatchExpressions();

    assertThat(expressions)
        .extracting(
            LabelSelectorRequirement::getKey,
            LabelSelectorRequirement::getOperator,
            LabelSelectorRequirement::getValues)
        .containsExactly(
            tuple("kubernetes.io/metadata.name", "NotIn", List.of("dikast-system", "kube-system")),
            tuple("kritis-validation", "NotIn", List.of("disabled")));
  }

  @Test
  void rbacNamesEveryVerbAndResourceAndNeverDeletesPods() {
    List<PolicyRule> rules =
        Stream.concat(
                OBJECTS.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
                OBJECTS.all(Role.class).stream().flatMap(r -> r.getRules().stream()))
            .toList();

    assertThat(rules)
        .allSatisfy(
            rule -> {
              assertThat(rule.getVerbs()).doesNotContain("*", "delete", "deletecollection");
              assertThat(rule.getResources()).doesNotContain("*");
              assertThat(rule.getApiGroups()).doesNotContain("*");
            });
    assertThat(verbsOn(rules, "", "pods")).containsExactly("get", "list", "watch", "patch");
    List<PolicyRule> clusterRules = OBJECTS.one(ClusterRole.class, "dikast-operator").getRules();
    assertThat(verbsOn(clusterRules, "", "secrets")).containsExactly("get", "list", "watch");
    assertThat(verbsOn(rules, "kritis.grafeas.io", "imagesecuritypolicies"))
        .containsExactly("get", "list", "watch", "patch");
    assertThat(verbsOn(rules, "kritis.grafeas.io", "imagesecuritypolicies/status"))
        .containsExactly("get", "patch", "update");
  }

  @Test
  void rbacLetsTheOperatorPatchOnlyItsOwnWebhookConfigurationAndSecret() {
    ClusterRole clusterRole = OBJECTS.one(ClusterRole.class, "dikast-operator");
    Role role = OBJECTS.one(Role.class, "dikast-operator");

    assertThat(clusterRole.getRules())
        .filteredOn(r -> r.getResources().contains("validatingwebhookconfigurations"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getResourceNames()).containsExactly("dikast-dikast-system");
              assertThat(r.getVerbs()).containsExactly("get", "patch");
            });
    assertThat(role.getRules())
        .filteredOn(r -> r.getVerbs().contains("update"))
        .extracting(r -> r.getResources().get(0), PolicyRule::getResourceNames)
        .containsExactlyInAnyOrder(
            tuple("leases", List.of("dikast-operator-leader")),
            tuple("secrets", List.of("dikast-webhook-tls")));
    assertThat(OBJECTS.one(ClusterRoleBinding.class, "dikast-operator").getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("dikast-operator"));
    assertThat(OBJECTS.one(RoleBinding.class, "dikast-operator").getRoleRef().getKind())
        .isEqualTo("Role");
    assertThat(OBJECTS.one(ServiceAccount.class, "dikast-operator")).isNotNull();
    assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("dikast-operator");
  }

  @Test
  void bootstrapsTheWebhookCertificateBeforeTheHttpsServerStarts() {
    PodSpec pod = operator.getSpec().getTemplate().getSpec();

    assertThat(pod.getInitContainers())
        .singleElement()
        .satisfies(
            init -> {
              assertThat(init.getCommand())
                  .endsWith("io.dikast.operator.webhooktls.WebhookTlsBootstrap");
              assertThat(init.getImage()).isEqualTo(container(operator, "operator").getImage());
              assertThat(env(init))
                  .contains(
                      new EnvVar("DIKAST_WEBHOOK_TLS_SECRET_NAME", "dikast-webhook-tls", null),
                      new EnvVar("DIKAST_WEBHOOK_TLS_SERVICE_NAME", "dikast-operator", null),
                      new EnvVar(
                          "DIKAST_WEBHOOK_TLS_WEBHOOK_CONFIGURATION_NAME",
                          "dikast-dikast-system",
                          null));
            });
    assertThat(env(container(operator, "operator")))
        .contains(
            new EnvVar("DIKAST_WEBHOOK_TLS_ENABLED", "true", null),
            new EnvVar(
                "DIKAST_WEBHOOK_SERVING_CERTIFICATE_FILE", "/etc/dikast/webhook-tls/tls.crt", null),
            new EnvVar("DIKAST_WEBHOOK_SERVING_KEY_FILE", "/etc/dikast/webhook-tls/tls.key", null));
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("webhook-tls"))
        .singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory"));
    assertThat(container(operator, "operator").getVolumeMounts())
        .filteredOn(m -> m.getName().equals("webhook-tls"))
        .singleElement()
        .satisfies(m -> assertThat(m.getReadOnly()).isFalse());
  }

  @Test
  void imagesDefaultToTheChartVersionTag() {
    assertThat(container(operator, "operator").getImage())
        .isEqualTo("ghcr.io/dikast/dikast-operator:0.1.0-SNAPSHOT");
    assertThat(container(grafeas, "grafeas").getImage())
        .isEqualTo("ghcr.io/dikast/dikast-grafeas-server:0.1.0-SNAPSHOT");
  }

  @Test
  void grafeasKeepsItsEmbeddedStoreOnAPersistentVolume() {
    PersistentVolumeClaim claim = OBJECTS.one(PersistentVolumeClaim.class, "dikast-grafeas-data");

    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("1Gi");
    assertThat(grafeas.getSpec().getReplicas()).isEqualTo(1);
    assertThat(grafeas.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(env(container(grafeas, "grafeas")))
        .contains(
            new EnvVar("DIKAST_GRAFEAS_STORAGE_TYPE", "embedded", null),
            new EnvVar("DIKAST_GRAFEAS_STORAGE_EMBEDDED_PATH", "/var/lib/grafeas", null));
    assertThat(grafeas.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
        .isFalse();
    assertThat(env(container(operator, "operator")))
        .contains(
            new EnvVar("DIKAST_GRAFEAS_ADDRESS", "dikast-grafeas.dikast-system.svc:8080", null),
            new EnvVar("DIKAST_GRAFEAS_TLS_ENABLED", "false", null));
  }

  private static ValidatingWebhook webhook() {
    return OBJECTS
        .one(ValidatingWebhookConfiguration.class, "dikast-dikast-system")
        .getWebhooks()
        .get(0);
  }

  private static List<String> verbsOn(List<PolicyRule> rules, String group, String resource) {
    return rules.stream()
        .filter(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource))
        .flatMap(r -> r.getVerbs().stream())
        .toList();
  }

  static Container container(Deployment deployment, String name) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static List<EnvVar> env(Container container) {
    return container.getEnv();
  }

  private static List<Container> allContainers(PodSpec pod) {
    return Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
