package io.dikast.operator.webhooktls;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the webhook's certificate valid: issues a CA and serving certificate when the shared Secret
 * lacks one or it nears expiry, makes the API server trust the new CA before any replica serves the
 * certificate it signed, and writes the Secret's certificate to this replica's files.
 */
public final class WebhookTlsManager {

  static final String CA_COMMON_NAME = "dikast-webhook-ca";

  private final WebhookTlsConfig config;
  private final Clock clock;
  private final CertificateIssuer issuer = new CertificateIssuer();
  private final RotationPolicy rotation;
  private final TlsSecret secret;
  private final CaBundle caBundle;
  private final PemFiles files;

  public WebhookTlsManager(WebhookTlsConfig config, KubernetesClient client, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.rotation = new RotationPolicy(config.renewBefore());
    this.secret = new TlsSecret(client, config.namespace(), config.secretName());
    this.caBundle = new CaBundle(client, config.webhookConfigurationName());
    this.files = new PemFiles(config.directory());
  }

  /** Brings Secret, caBundle and files up to date; returns the material now served. */
  public TlsMaterial ensure() {
    Instant now = clock.instant();
    Optional<Secret> stored = secret.read();
    Optional<TlsMaterial> current = stored.flatMap(s -> TlsMaterial.fromSecretData(s.getData()));
    TlsMaterial material;
    if (stored.isEmpty()) {
      material = secret.createOrAdopt(trusted(issue(List.of(), now), now));
    } else if (current.isEmpty()
        || rotation.needsNewCertificate(current.get(), config.dnsNames(), now)) {
      List<X509Certificate> previous = current.map(m -> m.unexpiredCas(now)).orElseGet(List::of);
      material = secret.replaceOrAdopt(stored.get(), trusted(issue(previous, now), now));
    } else {
      material = current.get();
    }
    caBundle.trust(material.caCertificates(), now);
    files.write(material);
    return material;
  }

  /**
   * Serves the Secret's certificate and writes nothing to the API server: a replica that does not
   * lead leaves issuing and trusting new certificates to the leader. Empty while the Secret holds
   * none.
   */
  public Optional<TlsMaterial> refresh() {
    Optional<TlsMaterial> current =
        secret.read().flatMap(s -> TlsMaterial.fromSecretData(s.getData()));
    current.ifPresent(files::write);
    return current;
  }

  private TlsMaterial trusted(TlsMaterial material, Instant now) {
    caBundle.trust(material.caCertificates(), now);
    return material;
  }

  private TlsMaterial issue(List<X509Certificate> previousCas, Instant now) {
    // A name of its own per CA, as Kubernetes' self-signed CAs have: verifiers find an issuer by
    // name, and the bundle holds the previous CA beside this one during a rotation.
    IssuedCertificate ca =
        issuer.certificateAuthority(
            CA_COMMON_NAME + "@" + now.getEpochSecond(), now, config.validity());
    IssuedCertificate serving =
        issuer.servingCertificate(ca, config.dnsNames(), now, config.validity());
    List<X509Certificate> bundle = new ArrayList<>();
    bundle.add(ca.certificate());
    bundle.addAll(previousCas);
    return new TlsMaterial(
        Pem.certificates(List.of(serving.certificate())),
        Pem.privateKey(serving.key()),
        Pem.certificates(bundle));
  }
}
