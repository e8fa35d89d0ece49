package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.crds.v1beta1.WhatIf;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyRef;
import io.dikast.engine.workload.WorkloadExtractor;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.grpc.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Answers {@value #ANNOTATION}: the namespace's running pods judged by that one policy as if it
 * were enforced (a DryRun policy included), the namespace's authorities and facts as admission has
 * them; the answer goes to the policy's {@code status.whatIf} and the annotation is removed. Pods
 * are neither denied nor marked, and continuous validation's counts are left alone.
 */
final class WhatIfRun {

  /** Set on an ImageSecurityPolicy or GenericAttestationPolicy to ask; its value is echoed. */
  static final String ANNOTATION = "kritis.grafeas.io/what-if";

  private static final Logger LOG = Logger.getLogger(WhatIfRun.class);

  private final KubernetesClient client;
  private final PolicySetView view;
  private final PodEvaluator evaluator;
  private final Duration podBudget;
  private final Clock clock;

  WhatIfRun(
      KubernetesClient client,
      PolicySetView view,
      PodEvaluator evaluator,
      Duration podBudget,
      Clock clock) {
    this.client = client;
    this.view = view;
    this.evaluator = evaluator;
    this.podBudget = podBudget;
    this.clock = clock;
  }

  /** Answers every one of {@code policies} that asks; returns how many were answered. */
  int answer(List<CustomResource<?, PolicyStatus>> policies) throws InterruptedException {
    int answered = 0;
    for (CustomResource<?, PolicyStatus> policy : policies) {
      String request = request(policy);
      if (request != null && answer(policy, request)) {
        answered++;
      }
    }
    return answered;
  }

  private boolean answer(CustomResource<?, PolicyStatus> policy, String request)
      throws InterruptedException {
    PolicyRef ref = ValidationRun.ref(policy);
    NamespacePolicies snapshot = view.snapshot(ref.namespace());
    Optional<Policy> enforced =
        snapshot.policies().stream()
            .filter(p -> p.kind() == ref.kind() && p.name().equals(ref.name()))
            .findFirst()
            .map(p -> p.withEnforcementMode(EnforcementMode.ENFORCE));
    if (enforced.isEmpty()) {
      // The view does not hold the policy yet (just created): the next poll answers.
      return false;
    }
    NamespacePolicies alone =
        new NamespacePolicies(List.of(enforced.get()), snapshot.authorities());
    WhatIf whatIf = new WhatIf();
    whatIf.setRequest(request);
    int pods = 0;
    int wouldDeny = 0;
    int unknown = 0;
    for (Pod pod : client.pods().inNamespace(ref.namespace()).list().getItems()) {
      if (!ValidationRun.isRunning(pod)) {
        continue;
      }
      pods++;
      PodVerdict verdict =
          evaluator.judge(
              WorkloadExtractor.extract(pod).inNamespaceIfAbsent(ref.namespace()),
              alone,
              Deadline.after(podBudget.toNanos(), TimeUnit.NANOSECONDS));
      if (verdict instanceof PodVerdict.Violating violating) {
        wouldDeny++;
        if (whatIf.getDeniedPods().size() < PolicyStatus.MAX_VIOLATING_PODS) {
          whatIf.getDeniedPods().add(pod.getMetadata().getName() + ": " + violating.reason());
        }
      } else if (verdict instanceof PodVerdict.Unknown) {
        unknown++;
      }
    }
    whatIf.setPods(pods);
    whatIf.setWouldDeny(wouldDeny);
    whatIf.setUnknown(unknown);
    whatIf.setEvaluatedAt(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    report(policy, ref, whatIf);
    return true;
  }

  private void report(CustomResource<?, PolicyStatus> policy, PolicyRef ref, WhatIf whatIf) {
    try {
      var resource =
          client
              .resources(ValidationRun.typeOf(policy))
              .inNamespace(ref.namespace())
              .withName(ref.name());
      resource.editStatus(
          latest -> {
            PolicyStatus status =
                latest.getStatus() == null ? new PolicyStatus() : latest.getStatus();
            status.setWhatIf(whatIf);
            latest.setStatus(status);
            return latest;
          });
      resource.edit(
          latest -> {
            latest.getMetadata().getAnnotations().remove(ANNOTATION);
            return latest;
          });
      LOG.infof(
          "what-if on %s: %d of %d running pods would be denied",
          ref, whatIf.getWouldDeny(), whatIf.getPods());
    } catch (KubernetesClientException e) {
      LOG.warnf("could not answer what-if on %s: %s", ref, e.getMessage());
    }
  }

  private static String request(CustomResource<?, PolicyStatus> policy) {
    Map<String, String> annotations = policy.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }
}
