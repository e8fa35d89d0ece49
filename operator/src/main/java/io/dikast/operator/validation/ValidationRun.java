package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.ClusterPolicyStatus;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.PolicyRef;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import io.dikast.operator.metrics.ValidationMetrics;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.reconciler.WarningEvents;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.grpc.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
  static boolean triggered(List<CustomResource<?, PolicyStatus>> policies) {
    return policies.stream().anyMatch(ValidationRun::hasTrigger);
  }

  /** Validates every namespace with policies; returns what it found. */
  RunFindings run() throws InterruptedException {
    Instant start = clock.instant();
    List<CustomResource<?, PolicyStatus>> policies = policies(client);
    List<ClusterImageSecurityPolicy> clusterPolicies =
        client.resources(ClusterImageSecurityPolicy.class).list().getItems();
    RunFindings findings = new RunFindings();
    Set<String> namespaces = new TreeSet<>();
    policies.forEach(policy -> namespaces.add(policy.getMetadata().getNamespace()));
    clusterPolicies.forEach(
        policy -> namespaces.addAll(view.selectedNamespaces(policy.getMetadata().getName())));
    for (String namespace : namespaces) {
      validate(namespace, findings);
    }
    Instant finished = clock.instant();
    for (CustomResource<?, PolicyStatus> policy : policies) {
      report(policy, findings.resultFor(ref(policy)), finished);
    }
    for (ClusterImageSecurityPolicy policy : clusterPolicies) {
      PolicyRef ref =
          new PolicyRef(
              PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY, "", policy.getMetadata().getName());
      report(
          policy,
          ref,
          client.resources(ClusterImageSecurityPolicy.class).withName(ref.name()),
          ClusterPolicyStatus::new,
          findings.resultFor(ref),
          finished);
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
      CustomResource<?, PolicyStatus> policy, RunFindings.PolicyResult result, Instant now) {
    PolicyRef ref = ref(policy);
    report(
        policy,
        ref,
        client.resources(typeOf(policy)).inNamespace(ref.namespace()).withName(ref.name()),
        PolicyStatus::new,
        result,
        now);
  }

  private <S extends PolicyStatus, P extends CustomResource<?, S>> void report(
      P policy,
      PolicyRef ref,
      Resource<P> resource,
      Supplier<S> empty,
      RunFindings.PolicyResult result,
      Instant now) {
    if (result.outage().isEmpty()) {
      metrics.violations(ref, result.violations());
    }
    try {
      resource.editStatus(
          latest -> {
            S status = latest.getStatus() == null ? empty.get() : latest.getStatus();
            ValidationStatuses.apply(status, result, latest.getMetadata().getGeneration(), now);
            latest.setStatus(status);
            return latest;
          });
      if (hasTrigger(policy)) {
        resource.edit(
            latest -> {
              latest.getMetadata().getAnnotations().remove(TRIGGER_ANNOTATION);
              return latest;
            });
      }
    } catch (KubernetesClientException e) {
      LOG.warnf("could not report validation on %s: %s", ref, e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  static Class<CustomResource<?, PolicyStatus>> typeOf(CustomResource<?, PolicyStatus> policy) {
    return (Class<CustomResource<?, PolicyStatus>>) policy.getClass();
  }

  /** Every ImageSecurityPolicy and GenericAttestationPolicy of the cluster. */
  static List<CustomResource<?, PolicyStatus>> policies(KubernetesClient client) {
    List<CustomResource<?, PolicyStatus>> all = new ArrayList<>();
    Stream.concat(
            client.resources(ImageSecurityPolicy.class).inAnyNamespace().list().getItems().stream(),
            client
                .resources(GenericAttestationPolicy.class)
                .inAnyNamespace()
                .list()
                .getItems()
                .stream())
        .forEach(all::add);
    return all;
  }

  private static boolean hasTrigger(CustomResource<?, ?> policy) {
    Map<String, String> annotations = policy.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(TRIGGER_ANNOTATION);
  }

  static PolicyRef ref(CustomResource<?, PolicyStatus> policy) {
    PolicyKind kind =
        policy instanceof ImageSecurityPolicy
            ? PolicyKind.IMAGE_SECURITY_POLICY
            : PolicyKind.GENERIC_ATTESTATION_POLICY;
    return new PolicyRef(kind, policy.getMetadata().getNamespace(), policy.getMetadata().getName());
  }
}
