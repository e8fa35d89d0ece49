package io.dikast.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What {@code helm install} would put on the API server that a bare apiserver can use: the chart's
 * CRDs, ServiceAccount, RBAC and ValidatingWebhookConfiguration, applied as rendered. The one
 * change is the webhook's {@code clientConfig}: a bare apiserver has no Service network, so the API
 * server calls the operator process on loopback by URL instead of through the Service. Closing
 * deletes the webhook configuration, which would otherwise fail every later test's workloads
 * closed.
 */
final class ChartInstall implements AutoCloseable {

  private final TestCluster cluster;
  private final RenderedChart chart;
  private final String webhookName;

  private ChartInstall(TestCluster cluster, RenderedChart chart, String webhookName) {
    this.cluster = cluster;
    this.chart = chart;
    this.webhookName = webhookName;
  }

  /** Installs the chart's objects; the API server calls the webhook at {@code webhookUrl}. */
  static ChartInstall apply(TestCluster cluster, RenderedChart chart, String webhookUrl) {
    KubernetesClient admin = cluster.admin();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(chart.namespace())
                .endMetadata()
                .build())
        .createOr(NonDeletingOperation::update);
    chart.crds().forEach(crd -> admin.resource(crd).createOr(NonDeletingOperation::update));
    Stream.of(
            ServiceAccount.class,
            ClusterRole.class,
            ClusterRoleBinding.class,
            Role.class,
            RoleBinding.class)
        .flatMap(type -> chart.all(type).stream())
        .forEach(
            object -> admin.resource((HasMetadata) object).createOr(NonDeletingOperation::update));
    ValidatingWebhookConfiguration webhook = chart.one(ValidatingWebhookConfiguration.class);
    for (ValidatingWebhook hook : webhook.getWebhooks()) {
      hook.getClientConfig().setService(null);
      hook.getClientConfig().setUrl(webhookUrl);
    }
    admin.resource(webhook).createOr(NonDeletingOperation::update);
    return new ChartInstall(cluster, chart, webhook.getMetadata().getName());
  }

  ValidatingWebhookConfiguration webhookConfiguration() {
    return cluster
        .admin()
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(webhookName)
        .get();
  }

  /** A kubeconfig that authenticates as the chart's ServiceAccount, as its pods would. */
  Path operatorKubeconfig() {
    ServiceAccount account = chart.one(ServiceAccount.class, "operator");
    String token =
        cluster
            .admin()
            .serviceAccounts()
            .inNamespace(chart.namespace())
            .withName(account.getMetadata().getName())
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    return cluster.tokenKubeconfig(account.getMetadata().getName(), token);
  }

  @Override
  public void close() {
    cluster
        .admin()
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(webhookName)
        .delete();
  }
}
