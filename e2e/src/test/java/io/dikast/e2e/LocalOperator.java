package io.dikast.e2e;

import io.dikast.grafeas.testing.GrafeasServerProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator jar as a local process with the operator's service account, serving the webhook that
 * is registered with the API server, and the Grafeas server jar it reads: what the webhook suites
 * start before their story.
 */
final class LocalOperator implements AutoCloseable {

  private final TestCluster cluster;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final URI apiServer;
  private Path kubeconfig;
  private GrafeasServerProcess grafeas;
  private WebhookEndpoint endpoint;
  private OperatorProcess operator;
  private WebhookRegistration webhook;

  private LocalOperator(TestCluster cluster, Map<String, String> properties, URI apiServer) {
    this.cluster = cluster;
    this.apiServer = apiServer;
    this.properties.putAll(properties);
  }

  /**
   * @param webhookName the ValidatingWebhookConfiguration's name
   * @param properties operator system properties beside the Grafeas address
   */
  static LocalOperator start(
      TestCluster cluster, String webhookName, Map<String, String> properties) {
    return start(cluster, webhookName, properties, cluster.apiServer());
  }

  /**
   * As {@link #start(TestCluster, String, Map)}, with the operator reaching the API server at
   * {@code apiServer} instead of where the admin does.
   */
  static LocalOperator start(
      TestCluster cluster, String webhookName, Map<String, String> properties, URI apiServer) {
    LocalOperator local = new LocalOperator(cluster, properties, apiServer);
    try {
      local.startAll(webhookName);
      return local;
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
  }

  private void startAll(String webhookName) {
    OperatorServiceAccount.install(cluster.admin());
    kubeconfig = OperatorServiceAccount.kubeconfig(cluster, apiServer);
    grafeas = GrafeasServerProcess.of(settings().grafeasJar()).in(cluster.workDir()).start();
    properties.put("dikast.grafeas.address", grafeas.address());
    endpoint = WebhookEndpoint.create(cluster.workDir());
    startOperator();
    webhook = WebhookRegistration.register(cluster.kubectl(), webhookName, endpoint);
  }

  GrafeasServerProcess grafeas() {
    return grafeas;
  }

  WebhookEndpoint endpoint() {
    return endpoint;
  }

  /** Whether the operator process started last is still running. */
  boolean operatorAlive() {
    return operator.isAlive();
  }

  /** SIGKILLs the operator, as a crashed pod ends; the webhook stays registered. */
  void killOperator() {
    operator.kill();
  }

  /** Starts the operator again on the same endpoint, with the same properties. */
  void startOperator() {
    operator =
        OperatorProcess.start(
            settings().operatorJar(), kubeconfig, cluster.workDir(), endpoint, properties);
  }

  private static SuiteSettings settings() {
    return SuiteSettings.fromEnvironment();
  }

  /** The webhook first, so the API server calls no stopped operator. */
  @Override
  public void close() {
    Closeables.closeAll(webhook, operator, grafeas);
  }
}
