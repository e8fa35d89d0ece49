package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;

/**
 * The ValidatingWebhookConfiguration that sends the checked kinds of labelled namespaces to the
 * operator's {@code /validate}, trusting exactly its serving certificate; applied with kubectl.
 */
final class WebhookRegistration implements AutoCloseable {

  static final String LABEL_KEY = "e2e.dikast.io/admission";
  static final String LABEL_VALUE = "checked";
  static final Map<String, String> CHECKED = Map.of(LABEL_KEY, LABEL_VALUE);

  private final Kubectl kubectl;
  private final String name;

  private WebhookRegistration(Kubectl kubectl, String name) {
    this.kubectl = kubectl;
    this.name = name;
  }

  static WebhookRegistration register(Kubectl kubectl, String name, WebhookEndpoint endpoint) {
    String manifest =
        Manifests.read(
            "manifests/validating-webhook.yaml",
            Map.of(
                "NAME", name,
                "URL", endpoint.url("/validate"),
                "CA_BUNDLE", base64(endpoint),
                "LABEL_KEY", LABEL_KEY,
                "LABEL_VALUE", LABEL_VALUE));
    Kubectl.Result result = kubectl.runWithInput(manifest, "apply", "-f", "-");
    if (!result.succeeded()) {
      throw new IllegalStateException("cannot register the webhook: " + result.stderr());
    }
    return new WebhookRegistration(kubectl, name);
  }

  private static String base64(WebhookEndpoint endpoint) {
    try {
      String pem = Files.readString(endpoint.certificate().certificate());
      return Base64.getEncoder().encodeToString(pem.getBytes(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kubectl.run("delete", "validatingwebhookconfiguration", name, "--ignore-not-found");
  }
}
