package io.dikast.operator.webhooktls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.dikast.operator.ha.Leaderships;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class WebhookTlsManagerTest {

  private static final String NAMESPACE = "dikast-system";
  private static final String WEBHOOK = "dikast-dikast-system";
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration VALIDITY = Duration.ofHours(2160);
  private static final Duration RENEW_BEFORE = Duration.ofHours(720);

  /** The first instant at which the first certificate is inside its renewal window. */
  private static final Instant FIRST_RENEWAL =
      START.plus(VALIDITY).minus(RENEW_BEFORE).plusSeconds(3600);

  KubernetesClient client;

  @TempDir Path directory;

  @BeforeEach
  void createWebhookConfiguration() {
    client.resource(webhookConfiguration()).create();
  }

  @Test
  void createsTheSecretAndAServingCertificateForEveryServiceName() throws Exception {
    TlsMaterial material = manager("dikast-operator", START).ensure();

    Secret secret = client.secrets().inNamespace(NAMESPACE).withName("dikast-webhook-tls").get();
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(TlsMaterial.fromSecretData(secret.getData())).contains(material);
    X509Certificate serving = material.servingCertificate();
    assertThat(serving.getSubjectAlternativeNames())
        .extracting(name -> String.valueOf(name.get(1)))
        .containsExactly(
            "dikast-operator",
            "dikast-operator.dikast-system",
            "dikast-operator.dikast-system.svc",
            "dikast-operator.dikast-system.svc.cluster.local");
    assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(serving.getNotAfter().toInstant()).isEqualTo(START.plus(VALIDITY));
    List<X509Certificate> cas = material.caCertificates();
    assertThat(cas).hasSize(1);
    assertThat(cas.get(0).getBasicConstraints()).isZero();
    serving.verify(cas.get(0).getPublicKey());
    assertThat(keyMatches(material.keyPem(), serving)).isTrue();
    assertThat(trustedByWebhook()).containsExactlyElementsOf(cas);
  }

  @Test
  void writesTheFilesTheHttpsServerReads() throws Exception {
    TlsMaterial material = manager("dikast-operator", START).ensure();

    assertThat(Files.readString(directory.resolve("tls.crt"))).isEqualTo(material.certificatePem());
    assertThat(Files.readString(directory.resolve("tls.key")))
        .isEqualTo(material.keyPem())
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(directory.resolve("ca.crt"))).isEqualTo(material.caBundlePem());
    assertThat(Files.getPosixFilePermissions(directory.resolve("tls.key")))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
  }

  @Test
  void opensslAcceptsTheFilesForTheServiceNameBeforeAndAfterARotation() throws Exception {
    manager("dikast-operator", START).ensure();
    Files.copy(directory.resolve("tls.crt"), directory.resolve("first.crt"));
    manager("dikast-operator", FIRST_RENEWAL).ensure();
    String rotationTime = Long.toString(FIRST_RENEWAL.plusSeconds(60).getEpochSecond());

    for (String certificate : List.of("tls.crt", "first.crt")) {
      assertThat(
              openssl(
                  "verify",
                  "-attime",
                  rotationTime,
                  "-CAfile",
                  "ca.crt",
                  "-purpose",
                  "sslserver",
                  "-verify_hostname",
                  "dikast-operator.dikast-system.svc",
                  certificate))
          .isEqualTo(certificate + ": OK");
    }
    assertThat(openssl("pkey", "-in", "tls.key", "-noout", "-text"))
        .startsWith("Private-Key: (256 bit");
  }

  @Test
  void keepsTheStoredCertificateUntilItsRenewalWindow() {
    TlsMaterial first = manager("dikast-operator", START).ensure();
    String version = secretResourceVersion();

    TlsMaterial later = manager("dikast-operator", FIRST_RENEWAL.minusSeconds(7200)).ensure();

    assertThat(later).isEqualTo(first);
    assertThat(secretResourceVersion()).isEqualTo(version);
  }

  @Test
  void aReplicaThatDoesNotLeadServesTheStoredCertificateAndLeavesTheRotationToTheLeader()
      throws Exception {
    TlsMaterial first = manager("dikast-operator", START).ensure();
    String version = secretResourceVersion();
    List<X509Certificate> trusted = trustedByWebhook();
    Files.delete(directory.resolve("tls.crt"));

    new WebhookTlsRotator(config("dikast-operator"), client, Leaderships.follower())
        .check(manager("dikast-operator", FIRST_RENEWAL));

    assertThat(secretResourceVersion()).isEqualTo(version);
    assertThat(trustedByWebhook()).isEqualTo(trusted);
    assertThat(Files.readString(directory.resolve("tls.crt"))).isEqualTo(first.certificatePem());
  }

  @Test
  void theLeaderRotatesInItsRenewalWindow() {
    manager("dikast-operator", START).ensure();
    String version = secretResourceVersion();

    new WebhookTlsRotator(config("dikast-operator"), client, Leaderships.leader())
        .check(manager("dikast-operator", FIRST_RENEWAL));

    assertThat(secretResourceVersion()).isNotEqualTo(version);
  }

  @Test
  void rotatesBeforeExpiryAndKeepsTrustingThePreviousCa() throws Exception {
    TlsMaterial first = manager("dikast-operator", START).ensure();

    TlsMaterial second = manager("dikast-operator", FIRST_RENEWAL).ensure();

    assertThat(second.servingCertificate().getSerialNumber())
        .isNotEqualTo(first.servingCertificate().getSerialNumber());
    List<X509Certificate> bundle = second.caCertificates();
    assertThat(bundle).hasSize(2);
    assertThat(bundle.get(1)).isEqualTo(first.caCertificates().get(0));
    second.servingCertificate().verify(bundle.get(0).getPublicKey());
    first.servingCertificate().verify(bundle.get(1).getPublicKey());
    assertThat(trustedByWebhook()).containsExactlyInAnyOrderElementsOf(bundle);
    assertThat(Files.readString(directory.resolve("tls.crt"))).isEqualTo(second.certificatePem());
  }

  @Test
  void dropsCasThatHaveExpired() {
    TlsMaterial first = manager("dikast-operator", START).ensure();
    TlsMaterial second = manager("dikast-operator", FIRST_RENEWAL).ensure();
    Instant secondRenewal = FIRST_RENEWAL.plus(VALIDITY).minus(RENEW_BEFORE).plusSeconds(3600);

    TlsMaterial third = manager("dikast-operator", secondRenewal).ensure();

    assertThat(secondRenewal).isAfter(first.caCertificates().get(0).getNotAfter().toInstant());
    assertThat(third.caCertificates())
        .hasSize(2)
        .doesNotContainAnyElementsOf(first.caCertificates());
    assertThat(third.caCertificates().get(1)).isEqualTo(second.caCertificates().get(0));
    assertThat(trustedByWebhook()).containsExactlyInAnyOrderElementsOf(third.caCertificates());
  }

  @Test
  void reissuesTheCertificateWhenTheServiceIsRenamed() throws Exception {
    manager("dikast-operator", START).ensure();

    TlsMaterial renamed = manager("policy-webhook", START.plusSeconds(60)).ensure();

    assertThat(renamed.servingCertificate().getSubjectAlternativeNames())
        .extracting(name -> String.valueOf(name.get(1)))
        .contains("policy-webhook.dikast-system.svc");
  }

  @Test
  void adoptsTheSecretAReplicaCreatedFirst() {
    TlsMaterial winner = manager("dikast-operator", START).ensure();
    TlsMaterial loser =
        new TlsMaterial("-----BEGIN CERTIFICATE-----\n", "-----BEGIN PRIVATE KEY-----\n", "");

    TlsMaterial adopted =
        new TlsSecret(client, NAMESPACE, "dikast-webhook-tls").createOrAdopt(loser);

    assertThat(adopted).isEqualTo(winner);
  }

  @Test
  void adoptsTheRotationAReplicaWroteFirst() {
    manager("dikast-operator", START).ensure();
    TlsSecret secret = new TlsSecret(client, NAMESPACE, "dikast-webhook-tls");
    Secret stale = secret.read().orElseThrow();
    TlsMaterial rotatedElsewhere = manager("dikast-operator", FIRST_RENEWAL).ensure();
    TlsMaterial late =
        new TlsMaterial("-----BEGIN CERTIFICATE-----\n", "-----BEGIN PRIVATE KEY-----\n", "");

    TlsMaterial adopted = secret.replaceOrAdopt(stale, late);

    assertThat(adopted).isEqualTo(rotatedElsewhere);
  }

  @Test
  void writesTheFilesEvenBeforeTheWebhookConfigurationExists() {
    client.resource(webhookConfiguration()).delete();

    assertThatCode(() -> manager("dikast-operator", START).ensure()).doesNotThrowAnyException();

    assertThat(directory.resolve("tls.crt")).exists();
  }

  @Test
  void readsItsSettingsFromTheDikastWebhookTlsKeys() {
    WebhookTlsConfig config = config("policy-webhook");

    assertThat(config.secretName()).isEqualTo("dikast-webhook-tls");
    assertThat(config.webhookConfigurationName()).isEqualTo(WEBHOOK);
    assertThat(config.validity()).isEqualTo(VALIDITY);
    assertThat(config.renewBefore()).isEqualTo(RENEW_BEFORE);
    assertThat(config.checkInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.dnsNames()).startsWith("policy-webhook", "policy-webhook.dikast-system");
  }

  private WebhookTlsManager manager(String service, Instant now) {
    return new WebhookTlsManager(config(service), client, Clock.fixed(now, ZoneOffset.UTC));
  }

  private WebhookTlsConfig config(String service) {
    Map<String, String> properties = new HashMap<>();
    properties.put("dikast.webhook.tls.enabled", "true");
    properties.put("dikast.webhook.tls.namespace", NAMESPACE);
    properties.put("dikast.webhook.tls.service-name", service);
    properties.put("dikast.webhook.tls.webhook-configuration-name", WEBHOOK);
    properties.put("dikast.webhook.tls.directory", directory.toString());
    properties.put("dikast.webhook.tls.validity", "2160h");
    properties.put("dikast.webhook.tls.renew-before", "720h");
    return WebhookTlsBootstrap.config(
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(properties, "test", 500)));
  }

  private List<X509Certificate> trustedByWebhook() {
    String bundle =
        client
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .withName(WEBHOOK)
            .get()
            .getWebhooks()
            .get(0)
            .getClientConfig()
            .getCaBundle();
    return Pem.readCertificates(
        new String(Base64.getDecoder().decode(bundle), StandardCharsets.US_ASCII));
  }

  private String secretResourceVersion() {
    return client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName("dikast-webhook-tls")
        .get()
        .getMetadata()
        .getResourceVersion();
  }

  private String openssl(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output.strip();
  }

  private static boolean keyMatches(String keyPem, X509Certificate certificate) throws Exception {
    String base64 =
        keyPem
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    byte[] payload = "dikast".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(payload);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(payload);
    return verifier.verify(signature);
  }

  private static ValidatingWebhookConfiguration webhookConfiguration() {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName(WEBHOOK)
        .endMetadata()
        .addNewWebhook()
        .withName("validate.dikast.kritis.grafeas.io")
        .withAdmissionReviewVersions("v1")
        .withSideEffects("None")
        .withNewClientConfig()
        .withNewService()
        .withName("dikast-operator")
        .withNamespace(NAMESPACE)
        .withPath("/validate")
        .endService()
        .endClientConfig()
        .endWebhook()
        .build();
  }
}
