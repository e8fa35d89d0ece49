package io.dikast.operator.webhooktls;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/** The caBundle of the operator's own ValidatingWebhookConfiguration. */
final class CaBundle {

  private static final Logger LOG = Logger.getLogger(CaBundle.class);

  private final KubernetesClient client;
  private final String webhookConfigurationName;

  CaBundle(KubernetesClient client, String webhookConfigurationName) {
    this.client = client;
    this.webhookConfigurationName = webhookConfigurationName;
  }

  /**
   * Makes every webhook of the configuration trust {@code cas}, keeping the CAs it already trusts
   * until they expire: another replica may still serve a certificate one of them signed.
   */
  void trust(List<X509Certificate> cas, Instant now) {
    Resource<ValidatingWebhookConfiguration> resource =
        client
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .withName(webhookConfigurationName);
    ValidatingWebhookConfiguration current = resource.get();
    if (current == null) {
      LOG.warnf(
          "ValidatingWebhookConfiguration %s does not exist; its caBundle is set once it does",
          webhookConfigurationName);
      return;
    }
    if (current.getWebhooks().stream().allMatch(w -> bundleOf(w).equals(merged(w, cas, now)))) {
      return;
    }
    resource.edit(
        configuration -> {
          configuration
              .getWebhooks()
              .forEach(w -> w.getClientConfig().setCaBundle(merged(w, cas, now)));
          return configuration;
        });
    LOG.infof("Webhook configuration %s now trusts %d CA(s)", webhookConfigurationName, cas.size());
  }

  private static String merged(ValidatingWebhook webhook, List<X509Certificate> cas, Instant now) {
    List<X509Certificate> trusted = new ArrayList<>(cas);
    Pem.readCertificates(decode(webhook.getClientConfig().getCaBundle())).stream()
        .filter(ca -> ca.getNotAfter().toInstant().isAfter(now))
        .filter(ca -> trusted.stream().noneMatch(known -> sameCertificate(known, ca)))
        .forEach(trusted::add);
    return Base64.getEncoder()
        .encodeToString(Pem.certificates(trusted).getBytes(StandardCharsets.US_ASCII));
  }

  private static String bundleOf(ValidatingWebhook webhook) {
    String bundle = webhook.getClientConfig().getCaBundle();
    return bundle == null ? "" : bundle;
  }

  private static String decode(String base64) {
    return base64 == null
        ? ""
        : new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }

  private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (CertificateEncodingException e) {
      return false;
    }
  }
}
