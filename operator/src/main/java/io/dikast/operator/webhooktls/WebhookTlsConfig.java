package io.dikast.operator.webhooktls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The operator's self-managed webhook certificate: a CA and a serving certificate kept in one
 * Secret that every replica shares, the PEM files the HTTPS server reads, and the caBundle of the
 * webhook configuration. Off unless the chart turns it on (with cert-manager it stays off).
 */
@ConfigMapping(prefix = "dikast.webhook.tls")
public interface WebhookTlsConfig {

  @WithDefault("false")
  boolean enabled();

  /** Namespace of the Secret and of the webhook Service. */
  @WithDefault("dikast-system")
  String namespace();

  @WithDefault("dikast-webhook-tls")
  String secretName();

  /** The Service the API server calls; the certificate names it. */
  @WithDefault("dikast-operator")
  String serviceName();

  /** The ValidatingWebhookConfiguration whose caBundle is kept current. */
  @WithDefault("dikast")
  String webhookConfigurationName();

  /** Directory of tls.crt, tls.key and ca.crt, as dikast.webhook.serving.*-file name them. */
  @WithDefault("/etc/dikast/webhook-tls")
  Path directory();

  /** Lifetime of a CA and of the serving certificate it signs. */
  @WithDefault("2160h")
  Duration validity();

  /** A new CA and certificate are issued this long before the served certificate expires. */
  @WithDefault("720h")
  Duration renewBefore();

  /**
   * How often each replica compares its files with the Secret: after another replica rotates, this
   * bounds how long the old certificate is still served (the old CA stays trusted meanwhile).
   */
  @WithDefault("1m")
  Duration checkInterval();

  /** The names the API server may use for the Service. */
  default List<String> dnsNames() {
    String service = serviceName();
    String namespace = namespace();
    return List.of(
        service,
        service + "." + namespace,
        service + "." + namespace + ".svc",
        service + "." + namespace + ".svc.cluster.local");
  }
}
