package io.dikast.operator.admission;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.grpc.Deadline;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Keeps the replica unready until one self-check decision has run through the admission path, so
 * that no real review pays for first use (7.9–9.2 s on 2 cores, against the API server's 10 s): the
 * JSON binding of a review, Bouncy Castle's PGP and the JCA's PKIX signature checks, the Grafeas
 * channel and its first call, the engine and the answer's JSON. The self-check is a test as well: a
 * valid signature must verify only for its own digest, and an image Grafeas holds no attestation
 * for must be denied. A replica that fails it stays unready and says why.
 *
 * <p>Its one Grafeas question (about a note no one uses, for an image in a namespace Kubernetes
 * cannot name) counts once in the cache-miss and Grafeas-request metrics.
 */
@Readiness
@ApplicationScoped
public class DecisionPathWarmup implements HealthCheck {

  static final String NAME = "Dikast decision path warm";
  // Namespace names are DNS labels: no real namespace shares the self-check's facts.
  static final String NAMESPACE = "dikast.self-check";
  private static final String AUTHORITY = "self-check";
  private static final String NOTE = "projects/dikast-self-check/notes/self-check";
  private static final ImageReference SIGNED =
      ImageReference.parse("dikast.invalid/self-check@sha256:" + "5e1f".repeat(16));
  private static final ImageReference OTHER =
      ImageReference.parse("dikast.invalid/self-check@sha256:" + "c0de".repeat(16));

  private static final Logger LOG = Logger.getLogger(DecisionPathWarmup.class);

  private final WorkloadDecider decider;
  private final AdmissionConfig config;
  private volatile String failure;
  private volatile boolean passed;

  public DecisionPathWarmup(WorkloadDecider decider, AdmissionConfig config) {
    this.decider = decider;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    Thread thread = new Thread(this::run, "dikast-self-check");
    thread.setDaemon(true);
    thread.start();
  }

  void run() {
    long start = System.nanoTime();
    try {
      check();
      passed = true;
      LOG.infof(
          "decision path self-check passed in %d ms",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } catch (GeneralSecurityException | RuntimeException e) {
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.errorf(e, "decision path self-check failed; this replica stays unready: %s", failure);
    }
  }

  private void check() throws GeneralSecurityException {
    SelfCheckAttestations attestations = SelfCheckAttestations.generate();
    List<AttestationFact> own = attestations.verify(SIGNED, SIGNED);
    List<AttestationFact> other = attestations.verify(SIGNED, OTHER);
    require(
        own.stream().allMatch(AttestationFact.Verified.class::isInstance),
        "a valid self-check signature did not verify: " + own);
    require(
        other.stream().allMatch(AttestationFact.NotVerified.class::isInstance),
        "a self-check signature verified for another digest: " + other);
    AdmissionCall call = AdmissionReviewReader.read(review());
    Decision decision =
        decider.decide(call.workload().orElseThrow(), snapshot(attestations), deadline());
    require(!decision.allowed(), "an image without attestation was not denied: " + decision);
    AdmissionJson.write(AdmissionResponses.of(call.uid(), decision));
  }

  private static String review() {
    return AdmissionJson.write(
        new AdmissionReviewBuilder()
            .withNewRequest()
            .withUid("dikast-self-check")
            .withOperation("CREATE")
            .withNamespace(NAMESPACE)
            .withNewKind("", "Pod", "v1")
            .withObject(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("self-check")
                    .withNamespace(NAMESPACE)
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("self-check")
                    .withImage(SIGNED.original())
                    .endContainer()
                    .endSpec()
                    .build())
            .endRequest()
            .build());
  }

  private static NamespacePolicies snapshot(SelfCheckAttestations attestations) {
    Policy policy =
        new Policy(
            PolicyKind.IMAGE_SECURITY_POLICY,
            NAMESPACE,
            AUTHORITY,
            List.of(),
            List.of(AUTHORITY),
            0,
            EnforcementMode.ENFORCE,
            BreakglassMode.ALLOW,
            BackendUnavailableMode.DENY);
    return new NamespacePolicies(
        List.of(policy),
        Map.of(
            AUTHORITY,
            ResolvedAuthority.of(NAMESPACE, AUTHORITY, NOTE, attestations.keys(), true)));
  }

  private Deadline deadline() {
    return Deadline.after(
        config.budget().minus(config.responseReserve()).toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME)
        .status(passed)
        .withData("state", passed ? "passed" : failure == null ? "running" : "failed: " + failure)
        .build();
  }
}
