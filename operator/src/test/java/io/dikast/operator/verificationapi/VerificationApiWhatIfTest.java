package io.dikast.operator.verificationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dikast.api.v1.DeniedPod;
import io.dikast.api.v1.WhatIfRequest;
import io.dikast.api.v1.WhatIfResult;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.operator.admission.AdmissionSettings;
import io.dikast.operator.admission.WorkloadDecider;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.operator.validation.ValidationConfig;
import io.dikast.operator.validation.WhatIfEvaluator;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.InMemoryAttestations;
import io.dikast.operator.verification.NoBuilds;
import io.dikast.operator.verification.NoRegistry;
import io.dikast.operator.verification.Occurrences;
import io.dikast.operator.verification.VerificationCache;
import io.dikast.operator.verification.VerificationSettings;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.RegistryCredentials;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code WhatIf} over a mock API server's running pods: a policy that is not applied, judged with
 * the namespace's live authority, reports the pods it would deny and denies nothing.
 */
@EnableKubernetesMockClient(crud = true)
class VerificationApiWhatIfTest {

  private static final String NS = "payments";
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final String SIGNED = "gcr.io/hightowerlabs/payment@sha256:" + "a".repeat(64);
  private static final String UNSIGNED = "gcr.io/hightowerlabs/payment@sha256:" + "b".repeat(64);
  private static final JcaEcSigner SIGNER = JcaEcSigner.generate();

  KubernetesClient client;

  private final DikastMetrics metrics = new DikastMetrics(new SimpleMeterRegistry());
  private final InMemoryAttestations grafeas = new InMemoryAttestations().withNotes(NOTE);
  private final PolicySetView view = new PolicySetView("dikast");
  private FactResolver facts;
  private VulnerabilityResolver vulnerabilities;
  private VerificationApi api;

  @BeforeEach
  void setUp() throws Exception {
    ImageReference signed = ImageReference.parse(SIGNED);
    byte[] payload = Occurrences.atomicPayload(signed);
    grafeas.upload(Occurrences.attestation(NOTE, signed, payload, SIGNER.sign(payload), "qa-ec"));
    TrustedKey key = KeyParser.parsePkix("qa-ec", SIGNER.publicKeyPem(), "ECDSA_P256_SHA256");
    view.putAuthority(ResolvedAuthority.of(NS, "qa", NOTE, List.of(key), true));
    view.markLoaded();
    facts =
        new FactResolver(
            new AttestationFactFinder(grafeas, NoBuilds.SOURCE, metrics),
            NoRegistry.finder(metrics),
            RegistryCredentials.NONE,
            new VerificationCache(CacheSettings.defaults()),
            metrics,
            VerificationSettings.defaults(),
            Duration.ofSeconds(2));
    vulnerabilities =
        new VulnerabilityResolver(
            (image, deadline) -> {
              throw new BackendUnavailableException("no vulnerability backend in this test");
            },
            VerificationSettings.defaults());
    api =
        new VerificationApi(
            new WorkloadDecider(view, facts, vulnerabilities),
            view,
            AdmissionSettings.defaults(),
            new WhatIfEvaluator(client, view, facts, vulnerabilities, validation()));
    pod("signed", SIGNED, "Running");
    pod("unsigned", UNSIGNED, "Running");
    pod("finished", UNSIGNED, "Succeeded");
  }

  @AfterEach
  void tearDown() {
    facts.close();
    vulnerabilities.close();
  }

  @Test
  void reportsTheRunningPodsAPolicyNotYetAppliedWouldDeny() {
    WhatIfResult result = ask("", policy("ImageSecurityPolicy", NS, "enforcementMode: DryRun"));

    assertThat(result.getPolicy()).isEqualTo("payments/release-gate");
    assertThat(result.getPods()).isEqualTo(2);
    assertThat(result.getWouldDeny()).isEqualTo(1);
    assertThat(result.getUnknown()).isZero();
    assertThat(result.getDeniedPodsList())
        .extracting(DeniedPod::getPod, DeniedPod::getReason)
        .containsExactly(
            tuple(
                "unsigned",
                "image "
                    + UNSIGNED
                    + " denied by ImageSecurityPolicy payments/release-gate: no valid attestation"
                    + " by authority qa (qa: no attestation occurrence for this digest)"));
    assertThat(client.pods().inNamespace(NS).withName("unsigned").get().getMetadata().getLabels())
        .isNullOrEmpty();
  }

  @Test
  void theRequestsNamespacePlacesAGenericPolicy() {
    WhatIfResult result = ask(NS, policy("GenericAttestationPolicy", "elsewhere", ""));

    assertThat(result.getPolicy()).isEqualTo("payments/release-gate");
    assertThat(result.getWouldDeny()).isEqualTo(1);
  }

  @Test
  void refusesWhatIsNotAKritisPolicyOrNamesNoNamespace() {
    assertThat(refusal("", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}"))
        .isEqualTo("a what-if needs a kritis.grafeas.io policy, not apiVersion v1");
    assertThat(
            refusal(
                "",
                "{\"apiVersion\":\"kritis.grafeas.io/v1beta1\",\"kind\":\"AttestationAuthority\"}"))
        .isEqualTo(
            "a what-if needs an ImageSecurityPolicy or GenericAttestationPolicy, not"
                + " AttestationAuthority");
    assertThat(refusal("", policy("ImageSecurityPolicy", "", "")))
        .isEqualTo("the policy names no namespace and the request none either");
    assertThat(refusal("", "not json")).startsWith("the policy is not JSON: ");
    assertThat(refusal("", "[]")).isEqualTo("the policy is not a JSON object");
  }

  private WhatIfResult ask(String namespace, String manifest) {
    Observed observed = call(namespace, manifest);
    assertThat(observed.errors).isEmpty();
    return observed.results.get(0);
  }

  private String refusal(String namespace, String manifest) {
    Observed observed = call(namespace, manifest);
    assertThat(observed.results).isEmpty();
    Status status = Status.fromThrowable(observed.errors.get(0));
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    return status.getDescription();
  }

  private Observed call(String namespace, String manifest) {
    Observed observed = new Observed();
    api.whatIf(
        WhatIfRequest.newBuilder().setNamespace(namespace).setPolicy(manifest).build(), observed);
    return observed;
  }

  private static String policy(String kind, String namespace, String more) {
    String authorities =
        kind.equals("ImageSecurityPolicy")
            ? "\"attestationAuthorityName\":\"qa\""
            : "\"attestationAuthorityNames\":[\"qa\"]";
    String spec =
        more.isEmpty()
            ? "{" + authorities + "}"
            : "{" + authorities + ",\"enforcementMode\":\"DryRun\"}";
    return "{\"apiVersion\":\"kritis.grafeas.io/v1beta1\",\"kind\":\""
        + kind
        + "\",\"metadata\":{\"name\":\"release-gate\""
        + (namespace.isEmpty() ? "" : ",\"namespace\":\"" + namespace + "\"")
        + "},\"spec\":"
        + spec
        + "}";
  }

  private void pod(String name, String image, String phase) {
    client
        .pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace(NS)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage(image)
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build())
        .create();
  }

  private static ValidationConfig validation() {
    return new ValidationConfig() {
      @Override
      public boolean enabled() {
        return true;
      }

      @Override
      public Duration interval() {
        return Duration.ofHours(1);
      }

      @Override
      public Duration pollInterval() {
        return Duration.ofSeconds(10);
      }

      @Override
      public double grafeasRequestsPerSecond() {
        return 1000;
      }

      @Override
      public Duration podBudget() {
        return Duration.ofSeconds(5);
      }
    };
  }

  private static final class Observed implements StreamObserver<WhatIfResult> {
    private final List<WhatIfResult> results = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    @Override
    public void onNext(WhatIfResult value) {
      results.add(value);
    }

    @Override
    public void onError(Throwable t) {
      errors.add(t);
    }

    @Override
    public void onCompleted() {}
  }
}
