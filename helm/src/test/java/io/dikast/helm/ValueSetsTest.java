package io.dikast.helm;

import static io.dikast.helm.DefaultInstallTest.container;
import static io.dikast.helm.DefaultInstallTest.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueSetsTest {

  private final DikastChart chart = DikastChart.assembled();

  @Test
  void externalGrafeasReplacesTheBundledServerAndMountsItsCredentials() {
    RenderedObjects objects = chart.render("external-grafeas.yaml");
    Deployment operator = objects.one(Deployment.class, "dikast-operator");
    PodSpec pod = operator.getSpec().getTemplate().getSpec();

    assertThat(objects.all(Deployment.class)).containsExactly(operator);
    assertThat(objects.all(PersistentVolumeClaim.class)).isEmpty();
    assertThat(env(container(operator, "operator")))
        .contains(
            new EnvVar("DIKAST_GRAFEAS_ADDRESS", "grafeas.security.example.com:443", null),
            new EnvVar("DIKAST_GRAFEAS_TLS_ENABLED", "true", null),
            new EnvVar("DIKAST_GRAFEAS_TLS_CA_FILE", "/etc/dikast/grafeas-ca/ca.crt", null),
            new EnvVar("DIKAST_GRAFEAS_TLS_CERT_FILE", "/etc/dikast/grafeas-client/tls.crt", null),
            new EnvVar("DIKAST_GRAFEAS_TLS_KEY_FILE", "/etc/dikast/grafeas-client/tls.key", null),
            new EnvVar("DIKAST_GRAFEAS_TLS_SERVER_NAME", "grafeas.security.example.com", null),
            new EnvVar("DIKAST_GRAFEAS_TOKEN_FILE", "/etc/dikast/grafeas-token/token", null));
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName())
        .containsExactlyInAnyOrder("grafeas-ca", "grafeas-client-cert", "grafeas-token");
  }

  @Test
  void postgresqlStorageRunsSeveralServersWithoutAVolumeAndReadsThePasswordFromASecret() {
    RenderedObjects objects = chart.render("postgresql.yaml");
    Deployment grafeas = objects.one(Deployment.class, "dikast-grafeas");

    assertThat(objects.all(PersistentVolumeClaim.class)).isEmpty();
    assertThat(grafeas.getSpec().getReplicas()).isEqualTo(2);
    assertThat(grafeas.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(env(container(grafeas, "grafeas")))
        .contains(
            new EnvVar("DIKAST_GRAFEAS_STORAGE_TYPE", "postgresql", null),
            new EnvVar(
                "DIKAST_GRAFEAS_STORAGE_POSTGRESQL_JDBC_URL",
                "jdbc:postgresql://postgres.db.svc:5432/grafeas",
                null),
            new EnvVar("DIKAST_GRAFEAS_STORAGE_POSTGRESQL_USERNAME", "grafeas", null),
            new EnvVar(
                "DIKAST_GRAFEAS_STORAGE_POSTGRESQL_PASSWORD_FILE",
                "/etc/dikast/postgresql/password",
                null),
            new EnvVar("DIKAST_GRAFEAS_AUTH_TOKEN_FILE", "/etc/dikast/grafeas-token/token", null));
    assertThat(env(container(objects.one(Deployment.class, "dikast-operator"), "operator")))
        .contains(new EnvVar("DIKAST_GRAFEAS_TOKEN_FILE", "/etc/dikast/grafeas-token/token", null));
  }

  @Test
  void certManagerIssuesTheCertificateAndInjectsTheCaInsteadOfTheOperator() {
    RenderedObjects objects = chart.render("cert-manager.yaml");
    Deployment operator = objects.one(Deployment.class, "dikast-operator");
    Certificate certificate = objects.one(Certificate.class, "dikast-webhook-tls");

    assertThat(certificate.getSpec().getSecretName()).isEqualTo("dikast-webhook-tls");
    assertThat(certificate.getSpec().getDnsNames())
        .containsExactly(
            "dikast-operator",
            "dikast-operator.dikast-system",
            "dikast-operator.dikast-system.svc",
            "dikast-operator.dikast-system.svc.cluster.local");
    assertThat(certificate.getSpec().getIssuerRef().getName())
        .isEqualTo(objects.one(Issuer.class, "dikast-webhook-selfsigned").getMetadata().getName());
    assertThat(
            objects
                .one(ValidatingWebhookConfiguration.class, "dikast-dikast-system")
                .getMetadata()
                .getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", "dikast-system/dikast-webhook-tls");
    assertThat(operator.getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
    assertThat(env(container(operator, "operator")))
        .contains(new EnvVar("DIKAST_WEBHOOK_TLS_ENABLED", "false", null));
    assertThat(operator.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("webhook-tls"))
        .singleElement()
        .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("dikast-webhook-tls"));
    assertThat(container(operator, "operator").getVolumeMounts())
        .filteredOn(m -> m.getName().equals("webhook-tls"))
        .singleElement()
        .satisfies(m -> assertThat(m.getReadOnly()).isTrue());
    assertThat(objects.one(ClusterRole.class, "dikast-operator").getRules())
        .noneMatch(r -> r.getResources().contains("validatingwebhookconfigurations"));
    assertThat(objects.one(Role.class, "dikast-operator").getRules())
        .flatExtracting(PolicyRule::getResources)
        .containsOnly("leases");
  }

  @Test
  void serviceMonitorScrapesTheOperatorOverHttpsWithTheWebhookCa() {
    ServiceMonitor monitor =
        chart.render("cert-manager.yaml").one(ServiceMonitor.class, "dikast-operator");

    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(monitor.getSpec().getEndpoints())
        .singleElement()
        .satisfies(
            endpoint -> {
              assertThat(endpoint.getScheme()).isEqualTo("https");
              assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
              assertThat(endpoint.getTlsConfig().getServerName())
                  .isEqualTo("dikast-operator.dikast-system.svc");
              assertThat(endpoint.getTlsConfig().getCa().getSecret().getName())
                  .isEqualTo("dikast-webhook-tls");
            });
  }

  @Test
  void extraRulesSendCustomWorkloadKindsOnCreateAndUpdateOfNamespacedObjects() {
    ValidatingWebhookConfiguration configuration =
        chart
            .render("extra-rules.yaml")
            .one(ValidatingWebhookConfiguration.class, "dikast-dikast-system");
    List<RuleWithOperations> rules = configuration.getWebhooks().get(0).getRules();

    assertThat(rules).hasSize(5);
    assertThat(rules.subList(0, 3))
        .isEqualTo(
            DikastChart.assembled()
                .render(null)
                .one(ValidatingWebhookConfiguration.class, "dikast-dikast-system")
                .getWebhooks()
                .get(0)
                .getRules());
    assertThat(rules.subList(3, 5))
        .extracting(
            RuleWithOperations::getApiGroups,
            RuleWithOperations::getApiVersions,
            RuleWithOperations::getResources,
            RuleWithOperations::getOperations,
            RuleWithOperations::getScope)
        .containsExactly(
            tuple(
                List.of("argoproj.io"),
                List.of("v1alpha1"),
                List.of("rollouts"),
                List.of("CREATE", "UPDATE"),
                "Namespaced"),
            tuple(
                List.of("serving.knative.dev"),
                List.of("v1"),
                List.of("services"),
                List.of("CREATE", "UPDATE"),
                "Namespaced"));
  }

  @Test
  void singleReplicaRunsWithoutLeaderElectionFromAPinnedDigest() {
    RenderedObjects objects = chart.render("single-replica.yaml");
    Deployment operator = objects.one(Deployment.class, "dikast-operator");

    assertThat(operator.getSpec().getReplicas()).isEqualTo(1);
    assertThat(container(operator, "operator").getImage())
        .isEqualTo(
            "ghcr.io/dikast/dikast-operator@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assertThat(env(container(operator, "operator")))
        .contains(new EnvVar("DIKAST_LEADER_ELECTION_ENABLED", "false", null));
    assertThat(objects.one(Role.class, "dikast-operator").getRules())
        .noneMatch(r -> r.getResources().contains("leases"));
  }
}
