package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.engine.policy.PolicyRef;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import io.dikast.operator.metrics.ValidationMetrics;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.reconciler.PolicyObjects;
import io.dikast.operator.reconciler.WarningEvents;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.grpc.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One continuous-validation run: every running pod in every namespace with policies, judged as
 * admission would judge it today; marks and events on the pods, counts in the policies' status.
 * Pods are never evicted.
 */
public final class ValidationRun {

  /** Set on an ImageSecurityPolicy or GenericAttestationPolicy to ask for a run; removed after. */
  public static final String TRIGGER_ANNOTATION = "kritis.grafeas.io/revalidate";

  static final String VIOLATION_EVENT = "ImagePolicyViolation";
  private static final Logger LOG = Logger.getLogger(ValidationRun.class);
  private static final Set<String> FINISHED_PHASES = Set.of("Succeeded", "Failed");

  private final KubernetesClient client;
  private final PolicySetView view;
  private final PodEvaluator evaluator;
  private final WarningEvents events;
  private final ValidationMetrics metrics;
  private final Duration podBudget;
  private final Clock clock;

  ValidationRun(
      KubernetesClient client,
      PolicySetView view,
      PodEvaluator evaluator,
      WarningEvents events,
      ValidationMetrics metrics,
      Duration podBudget,
      Clock clock) {
    this.client = client;
    this.view = view;
    this.evaluator = evaluator;
    this.events = events;
    this.metrics = metrics;
    this.podBudget = podBudget;
    this.clock = clock;
  }

  /** Whether one of {@code policies} carries {@link #TRIGGER_ANNOTATION}. */
  static boolean triggered(List<CustomResource<?, ? extends PolicyStatus>> policies) {
    return policies.stream()
        .anyMatch(policy -> PolicyObjects.annotation(policy, TRIGGER_ANNOTATION).isPresent());
  }

  /** Validates every namespace with policies; returns what it found. */
  RunFindings run() throws InterruptedException {
    Instant start = clock.instant();
    List<CustomResource<?, ? extends PolicyStatus>> policies = PolicyObjects.list(client);
    RunFindings findings = new RunFindings();
    Set<String> namespaces = new TreeSet<>();
    for (CustomResource<?, ? extends PolicyStatus> policy : policies) {
      PolicyRef ref = PolicyObjects.ref(policy);
      if (ref.kind().clusterScoped()) {
        namespaces.addAll(view.selectedNamespaces(ref.name()));
      } else {
        namespaces.add(ref.namespace());
      }
    }
    for (String namespace : namespaces) {
      validate(namespace, findings);
    }
    Instant finished = clock.instant();
    for (CustomResource<?, ? extends PolicyStatus> policy : policies) {
      report(policy, findings.resultFor(PolicyObjects.ref(policy)), finished);
    }
    metrics.run(Duration.between(start, finished), finished);
    return findings;
  }

  private void validate(String namespace, RunFindings findings) throws InterruptedException {
    NamespacePolicies snapshot = view.snapshot(namespace);
    if (snapshot.policies().isEmpty()) {
      return;
    }
    // Facts come from the admission cache, none older than positive-ttl: a run sees a revoked
    // attestation within that bound, as admission does, and a run over pods whose facts are cached
    // asks Grafeas nothing (before 2026-12-07 each run dropped them, so 10,000 pods cost 10,000
    // paced lookups: over 8 minutes at the chart's 20/s).
    for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
      if (isRunning(pod)) {
        PodVerdict verdict = judge(pod, namespace, snapshot);
        findings.record(namespace, pod.getMetadata().getName(), verdict);
        mark(pod, verdict);
      }
    }
  }

  private PodVerdict judge(Pod pod, String namespace, NamespacePolicies snapshot)
      throws InterruptedException {
    Workload workload = WorkloadExtractor.extract(pod).inNamespaceIfAbsent(namespace);
    return evaluator.judge(
        workload, snapshot, Deadline.after(podBudget.toNanos(), TimeUnit.NANOSECONDS));
  }

  static boolean isRunning(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return pod.getMetadata().getDeletionTimestamp() == null && !FINISHED_PHASES.contains(phase);
  }

  private void mark(Pod pod, PodVerdict verdict) {
    PodMarks.change(pod.getMetadata().getLabels(), pod.getMetadata().getAnnotations(), verdict)
        .ifPresent(
            change -> {
              try {
                client
                    .pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .edit(current -> marked(current, change));
              } catch (KubernetesClientException e) {
                LOG.warnf(
                    "could not mark pod %s/%s: %s",
                    pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
                return;
              }
              if (change.newlyViolating()) {
                events.warn(pod, VIOLATION_EVENT, change.reason());
              }
            });
  }

  private static Pod marked(Pod pod, PodMarks.Change change) {
    PodBuilder builder = new PodBuilder(pod);
    if (change.marked()) {
      builder
          .editMetadata()
          .addToLabels(PodMarks.KEY, PodMarks.LABEL_VALUE)
          .addToAnnotations(PodMarks.KEY, change.reason())
          .endMetadata();
    } else {
      builder
          .editMetadata()
          .removeFromLabels(PodMarks.KEY)
          .removeFromAnnotations(PodMarks.KEY)
          .endMetadata();
    }
    return builder.build();
  }

  private void report(
      CustomResource<?, ? extends PolicyStatus> policy,
      RunFindings.PolicyResult result,
      Instant now) {
    PolicyRef ref = PolicyObjects.ref(policy);
    if (result.outage().isEmpty()) {
      metrics.violations(ref, result.violations());
    }
    try {
      PolicyObjects.editStatus(
          client,
          ref,
          (status, generation) -> ValidationStatuses.apply(status, result, generation, now));
      if (PolicyObjects.annotation(policy, TRIGGER_ANNOTATION).isPresent()) {
        PolicyObjects.removeAnnotation(client, ref, TRIGGER_ANNOTATION);
      }
    } catch (KubernetesClientException e) {
      LOG.warnf("could not report validation on %s: %s", ref, e.getMessage());
    }
  }
}
