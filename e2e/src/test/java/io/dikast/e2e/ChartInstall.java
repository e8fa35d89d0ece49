package io.dikast.e2e;

import static org.awaitility.Awaitility.await;

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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code helm install} would put on the API server that a bare apiserver can use: the chart's
 * CRDs, ServiceAccount, RBAC and ValidatingWebhookConfiguration, applied as rendered. The one
 * change is the webhook's {@code clientConfig}: a bare apiserver has no Service network, so the API
 * server calls the operator process on loopback by URL instead of through the Service. Closing
 * deletes the webhook configuration, which would otherwise fail every later test's workloads
 * closed, and the CRDs the suite did not install itself.
 */
final class ChartInstall implements AutoCloseable {

  private final TestCluster cluster;
  private final RenderedChart chart;
  private final String webhookName;
  private final List<String> newCrds;

  private ChartInstall(
      TestCluster cluster, RenderedChart chart, String webhookName, List<String> newCrds) {
    this.cluster = cluster;
    this.chart = chart;
    this.webhookName = webhookName;
    this.newCrds = newCrds;
  }

  /** Installs the chart's objects; the API server calls the webhook at {@code webhookUrl}. */
  static ChartInstall apply(TestCluster cluster, RenderedChart chart, String webhookUrl) {
    KubernetesClient admin = cluster.admin();
    List<String> newCrds =
        chart.crds().stream()
            .filter(crd -> admin.resource(crd).get() == null)
            .map(crd -> crd.getMetadata().getName())
            .toList();
    chart.crds().forEach(crd -> admin.resource(crd).createOr(NonDeletingOperation::update));
    applyIdentity(admin, chart);
    ValidatingWebhookConfiguration webhook = chart.one(ValidatingWebhookConfiguration.class);
    for (ValidatingWebhook hook : webhook.getWebhooks()) {
      hook.getClientConfig().setService(null);
      hook.getClientConfig().setUrl(webhookUrl);
    }
    admin.resource(webhook).createOr(NonDeletingOperation::update);
    return new ChartInstall(cluster, chart, webhook.getMetadata().getName(), newCrds);
  }

  /**
   * The release namespace, the chart's ServiceAccounts and every Role, ClusterRole and binding, as
   * rendered: what the operator needs to run under the chart's identity.
   */
  static void applyIdentity(KubernetesClient admin, RenderedChart chart) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(chart.namespace())
                .endMetadata()
                .build())
        .createOr(NonDeletingOperation::update);
    Stream.of(
            ServiceAccount.class,
            ClusterRole.class,
            ClusterRoleBinding.class,
            Role.class,
            RoleBinding.class)
        .flatMap(type -> chart.all(type).stream())
        .forEach(
            object -> admin.resource((HasMetadata) object).createOr(NonDeletingOperation::update));
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
    return operatorKubeconfig(cluster.apiServer());
  }

  /**
   * As {@link #operatorKubeconfig()}, reaching the API server at {@code server}: the API server
   * itself or a pass-through to it.
   */
  Path operatorKubeconfig(URI server) {
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
    return cluster.tokenKubeconfig(
        account.getMetadata().getName() + "-" + server.getPort(), token, server);
  }

  /**
   * Deletes the webhook configuration and the CRDs the suite did not have before, so later tests
   * see the cluster as they expect it.
   */
  @Override
  public void close() {
    KubernetesClient admin = cluster.admin();
    admin
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(webhookName)
        .delete();
    newCrds.forEach(
        name -> admin.apiextensions().v1().customResourceDefinitions().withName(name).delete());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                newCrds.stream()
                    .allMatch(
                        name ->
                            admin
                                    .apiextensions()
                                    .v1()
                                    .customResourceDefinitions()
                                    .withName(name)
                                    .get()
                                == null));
  }
}
