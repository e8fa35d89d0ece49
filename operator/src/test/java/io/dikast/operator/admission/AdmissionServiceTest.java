package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.workload.Workload;
import io.dikast.operator.breakglass.AdmissionRecorder;
import io.dikast.operator.breakglass.PolicyStatusRecorder;
import io.dikast.operator.breakglass.StatusRecorderConfig;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.verification.AttestationFactFinder;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.InMemoryAttestations;
import io.dikast.operator.verification.NoBuilds;
import io.dikast.operator.verification.NoRegistry;
import io.dikast.operator.verification.VerificationCache;
import io.dikast.operator.verification.VerificationSettings;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.RegistryCredentials;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdmissionServiceTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Workload> offered = new ArrayList<>();
  private final DikastMetrics metrics = new DikastMetrics(registry);
  private final FactResolver resolver =
      new FactResolver(
          new AttestationFactFinder(new InMemoryAttestations(), NoBuilds.SOURCE, metrics),
          NoRegistry.finder(metrics),
          RegistryCredentials.NONE,
          new VerificationCache(CacheSettings.defaults()),
          metrics,
          VerificationSettings.defaults(),
          Duration.ofSeconds(2));
  private final VulnerabilityResolver vulnerabilities =
      new VulnerabilityResolver(
          (image, deadline) -> {
            throw new BackendUnavailableException("this test has no vulnerability backend");
          },
          VerificationSettings.defaults());
  // Nothing in these tests is written back; the writer only has to exist.
  private final StatusRecorderConfig hourly = () -> Duration.ofHours(1);
  private final PolicyStatusRecorder status = new PolicyStatusRecorder(null, null, hourly);

  @AfterEach
  void stop() {
    resolver.close();
    vulnerabilities.close();
    status.close();
  }

  @Test
  void deniesWhenTheDecisionCannotBeComputed() {
    PolicySetView broken =
        new PolicySetView("dikast") {
          @Override
          public NamespacePolicies snapshot(String namespace) {
            throw new IllegalStateException("snapshot lost");
          }
        };

    AdmissionResponse response =
        service(broken).review(podCall(), System.nanoTime()).join().getResponse();

    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getCode()).isEqualTo(403);
    assertThat(response.getStatus().getMessage())
        .isEqualTo("Dikast could not evaluate the request: IllegalStateException");
    assertThat(requests("denied", "Pod")).isEqualTo(1);
  }

  @Test
  void deniesWhenAFailureComesAfterTheDecisionWasMade() {
    PolicySetView view = new PolicySetView("dikast");
    view.markLoaded();
    AdmissionService failingAfterwards =
        new AdmissionService(
            new WorkloadDecider(view, resolver, vulnerabilities),
            new AdmissionRecorder(status, metrics),
            metrics,
            AdmissionSettings.defaults(),
            workload -> {
              throw new IllegalStateException("auto-attestation queue gone");
            });

    // The decision (allowed: no policies) completes first; what follows it runs in a later stage.
    AdmissionResponse response =
        failingAfterwards.review(podCall(), System.nanoTime()).join().getResponse();

    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getMessage())
        .isEqualTo("Dikast could not evaluate the request: IllegalStateException");
    assertThat(requests("denied", "Pod")).isEqualTo(1);
  }

  @Test
  void admitsAPodInANamespaceWithoutPoliciesAndCountsIt() {
    AdmissionResponse response =
        service(new PolicySetView("dikast"))
            .review(podCall(), System.nanoTime())
            .join()
            .getResponse();

    assertThat(response.getAllowed()).isTrue();
    assertThat(response.getAuditAnnotations()).containsEntry("decision", "allowed");
    assertThat(requests("allowed", "Pod")).isEqualTo(1);
    assertThat(registry.get("dikast.admission.duration").timer().count()).isEqualTo(1);
  }

  @Test
  void offersEveryReviewedWorkloadToAutoAttestationButNotADryRun() {
    AdmissionService service = service(new PolicySetView("dikast"));
    AdmissionCall dryRun =
        AdmissionReviewReader.read(
            AdmissionReviews.create("", "v1", "Pod")
                .namespace("payments")
                .object(AdmissionReviews.pod("rehearsal", PAYMENT))
                .dryRun()
                .json());

    service.review(podCall(), System.nanoTime()).join();
    service.review(dryRun, System.nanoTime()).join();

    assertThat(offered).extracting(Workload::name).containsExactly("payment");
  }

  @Test
  void countsAnUncheckedRequestAsSkipped() {
    AdmissionCall deletion =
        AdmissionReviewReader.read(
            AdmissionReviews.operation("DELETE", "apps", "v1", "Deployment").json());

    AdmissionResponse response =
        service(new PolicySetView("dikast"))
            .review(deletion, System.nanoTime())
            .join()
            .getResponse();

    assertThat(response.getAllowed()).isTrue();
    assertThat(requests("skipped", "Deployment")).isEqualTo(1);
  }

  @Test
  void deniesEverythingUntilThePolicySetIsLoaded() {
    AdmissionResponse response =
        serviceOver(new PolicySetView("dikast"))
            .review(podCall(), System.nanoTime())
            .join()
            .getResponse();

    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getMessage())
        .isEqualTo(
            "Dikast has not loaded the cluster's image policies yet (the operator is starting);"
                + " retry shortly");
    assertThat(response.getAuditAnnotations()).containsEntry("reason", "policy-set-not-loaded");
  }

  @Test
  void deniesAKindWithoutPodSpecUntilThePolicySetIsLoaded() {
    AdmissionCall widget =
        AdmissionReviewReader.read(
            AdmissionReviews.create("example.com", "v1", "Widget")
                .namespace("payments")
                .object("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\"}")
                .json());

    AdmissionResponse starting =
        serviceOver(new PolicySetView("dikast"))
            .review(widget, System.nanoTime())
            .join()
            .getResponse();
    AdmissionResponse loaded =
        service(new PolicySetView("dikast")).review(widget, System.nanoTime()).join().getResponse();

    assertThat(starting.getAllowed()).isFalse();
    assertThat(starting.getAuditAnnotations()).containsEntry("reason", "policy-set-not-loaded");
    assertThat(loaded.getAllowed()).isTrue();
    assertThat(requests("denied", "Widget")).isEqualTo(1);
    assertThat(requests("skipped", "Widget")).isEqualTo(1);
  }

  @Test
  void skipsAnUpdateThatChangesNoImage() {
    String pod = AdmissionReviews.pod("payment", PAYMENT);
    AdmissionCall relabel =
        AdmissionReviewReader.read(
            AdmissionReviews.update("", "v1", "Pod")
                .namespace("payments")
                .object(pod.replace("\"name\":\"payment\"", "\"name\":\"payment\",\"labels\":{}"))
                .oldObject(pod)
                .json());

    AdmissionResponse response =
        serviceOver(new PolicySetView("dikast"))
            .review(relabel, System.nanoTime())
            .join()
            .getResponse();

    assertThat(response.getAllowed()).isTrue();
    assertThat(response.getAuditAnnotations()).containsEntry("skipped", "UPDATE changes no image");
  }

  private AdmissionService service(PolicySetView view) {
    view.markLoaded();
    return serviceOver(view);
  }

  private AdmissionService serviceOver(PolicySetView view) {
    return new AdmissionService(
        new WorkloadDecider(view, resolver, vulnerabilities),
        new AdmissionRecorder(status, metrics),
        metrics,
        AdmissionSettings.defaults(),
        offered::add);
  }

  private double requests(String decision, String kind) {
    return registry
        .get("dikast.admission.requests")
        .tags("decision", decision, "kind", kind)
        .counter()
        .count();
  }

  private static AdmissionCall podCall() {
    return AdmissionReviewReader.read(
        AdmissionReviews.createPod("payments", AdmissionReviews.pod("payment", PAYMENT)));
  }
}
