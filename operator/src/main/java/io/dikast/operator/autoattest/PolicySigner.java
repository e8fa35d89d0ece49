package io.dikast.operator.autoattest;

import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.VulnerabilityCheck;
import io.dikast.engine.policy.VulnerabilityFact;
import io.dikast.engine.signing.SigningKey;
import io.dikast.engine.vulnerability.VulnerabilityEvaluator;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.grafeas.AttestationOccurrences;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One policy and one digest: read the policy's signing Secret, check the image against the policy's
 * vulnerability requirements, and sign and upload under the note of the policy's authority that
 * trusts the key, unless a valid attestation by that key already exists.
 */
@ApplicationScoped
public class PolicySigner {

  private final VulnerabilityEvaluator evaluator = new VulnerabilityEvaluator();
  private final KubernetesClient client;
  private final PolicySetView view;
  private final VulnerabilityResolver vulnerabilities;
  private final AttestationFactFinder finder;
  private final OccurrenceUploader uploader;
  private final AutoAttestConfig config;

  public PolicySigner(
      KubernetesClient client,
      PolicySetView view,
      VulnerabilityResolver vulnerabilities,
      AttestationFactFinder finder,
      OccurrenceUploader uploader,
      AutoAttestConfig config) {
    this.client = client;
    this.view = view;
    this.vulnerabilities = vulnerabilities;
    this.finder = finder;
    this.uploader = uploader;
    this.config = config;
  }

  /**
   * @return whether an attestation was uploaded
   * @throws RetryLater when Grafeas did not answer
   */
  boolean signIfPassing(Policy policy, ImageReference image) {
    Optional<String> secretName = secretName(policy);
    if (secretName.isEmpty()) {
      return false;
    }
    Deadline deadline = Deadline.after(config.budget().toNanos(), TimeUnit.NANOSECONDS);
    if (!passesVulnerabilityRequirements(policy, image, deadline)) {
      return false;
    }
    SigningKey key = SigningSecret.load(secret(policy.namespace(), secretName.get()));
    ResolvedAuthority authority = authorityTrusting(policy, key);
    AttestationFact existing = finder.find(authority.noteName(), authority.keys(), image, deadline);
    if (existing instanceof AttestationFact.Unavailable outage) {
      throw new RetryLater(outage.reason());
    }
    if (existing instanceof AttestationFact.Verified) {
      return false;
    }
    upload(authority, key, image);
    return true;
  }

  private Optional<String> secretName(Policy policy) {
    ImageSecurityPolicy resource =
        client
            .resources(ImageSecurityPolicy.class)
            .inNamespace(policy.namespace())
            .withName(policy.name())
            .get();
    return Optional.ofNullable(resource)
        .map(ImageSecurityPolicy::getSpec)
        .map(spec -> spec.getPrivateKeySecretName())
        .filter(name -> !name.isBlank());
  }

  private boolean passesVulnerabilityRequirements(
      Policy policy, ImageReference image, Deadline deadline) {
    VulnerabilityFact fact =
        vulnerabilities
            .start(Set.of(new VulnerabilityCheck(image)), deadline)
            .facts(deadline)
            .values()
            .iterator()
            .next();
    if (fact instanceof VulnerabilityFact.Reported reported) {
      return evaluator
          .violations(policy.vulnerabilityRequirements().orElseThrow(), reported.vulnerabilities())
          .isEmpty();
    }
    throw new RetryLater(((VulnerabilityFact.Unavailable) fact).reason());
  }

  private Secret secret(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new IllegalStateException("signing Secret " + namespace + "/" + name + " not found");
    }
    return secret;
  }

  private ResolvedAuthority authorityTrusting(Policy policy, SigningKey key) {
    NamespacePolicies snapshot = view.snapshot(policy.namespace());
    return policy.authorityNames().stream()
        .map(snapshot::authority)
        .flatMap(Optional::stream)
        // Attestations are uploaded to Grafeas; an authority of cosign signatures only has no note.
        .filter(ResolvedAuthority::hasNote)
        .filter(
            authority ->
                authority.keys().stream().anyMatch(k -> k.keyId().equals(key.publicKeyId())))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no authority of the policy with a noteReference trusts signing key "
                        + key.publicKeyId()));
  }

  private void upload(ResolvedAuthority authority, SigningKey key, ImageReference image) {
    byte[] payload = AtomicContainerSignature.payloadFor(image);
    byte[] signature = key.sign(payload);
    Verification check =
        AttestationVerifier.verify(
            image,
            new Attestation(
                null, payload, List.of(new AttestationSignature(signature, key.publicKeyId()))),
            authority.keys());
    if (!check.verified()) {
      throw new IllegalStateException("the signature does not verify: " + check.reason());
    }
    try {
      uploader.upload(
          project(authority.noteName()),
          AttestationOccurrences.of(
              authority.noteName(), image, payload, signature, key.publicKeyId()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE
          || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw new RetryLater("Grafeas " + e.getStatus().getCode() + ": " + e.getMessage());
      }
      throw e;
    }
  }

  /** The project of {@code projects/P/notes/N}: the occurrence lives beside its note. */
  private static String project(String noteName) {
    return noteName.substring(0, noteName.indexOf("/notes/"));
  }
}
