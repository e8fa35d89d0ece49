package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.crds.v1beta1.WhatIf;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.workload.WorkloadExtractor;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.verification.FactResolver;
import io.dikast.operator.verification.VulnerabilityResolver;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a policy would deny among the running pods of its namespace (of the namespaces it selects,
 * for a cluster policy) if it were enforced: each pod judged by that policy alone, with enforcement
 * forced on (a DryRun policy included), the namespace's authorities and the shared fact cache, as
 * admission would judge it. Nothing is denied, marked or written; the what-if annotation and {@code
 * dikast what-if} report the answer.
 */
@ApplicationScoped
public class WhatIfEvaluator {

  private final KubernetesClient client;
  private final PolicySetView view;
  private final PodEvaluator evaluator;
  private final Duration podBudget;
  private final Clock clock;

  @Inject
  public WhatIfEvaluator(
      KubernetesClient client,
      PolicySetView view,
      FactResolver facts,
      VulnerabilityResolver vulnerabilities,
      ValidationConfig config) {
    this(
        client,
        view,
        new PodEvaluator(facts, vulnerabilities, Pacer.realTime(config.grafeasRequestsPerSecond())),
        config.podBudget(),
        Clock.systemUTC());
  }

  WhatIfEvaluator(
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

  /**
   * The answer for {@code policy}, in the policy's namespace or, for a cluster policy, in every
   * namespace it selects (pods then named {@code namespace/pod}); its request is left unset.
   */
  public WhatIf evaluate(Policy policy) throws InterruptedException {
    Policy enforced = policy.withEnforcementMode(EnforcementMode.ENFORCE);
    boolean cluster = policy.kind().clusterScoped();
    List<String> namespaces =
        cluster ? view.selectedNamespaces(policy.name()) : List.of(policy.namespace());
    WhatIf whatIf = new WhatIf();
    int pods = 0;
    int wouldDeny = 0;
    int unknown = 0;
    for (String namespace : namespaces) {
      NamespacePolicies alone =
          new NamespacePolicies(List.of(enforced), view.snapshot(namespace).authorities());
      for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
        if (!ValidationRun.isRunning(pod)) {
          continue;
        }
        pods++;
        PodVerdict verdict =
            evaluator.judge(
                WorkloadExtractor.extract(pod).inNamespaceIfAbsent(namespace),
                alone,
                Deadline.after(podBudget.toNanos(), TimeUnit.NANOSECONDS));
        if (verdict instanceof PodVerdict.Violating violating) {
          wouldDeny++;
          if (whatIf.getDeniedPods().size() < PolicyStatus.MAX_VIOLATING_PODS) {
            String name = pod.getMetadata().getName();
            whatIf
                .getDeniedPods()
                .add((cluster ? namespace + "/" + name : name) + ": " + violating.reason());
          }
        } else if (verdict instanceof PodVerdict.Unknown) {
          unknown++;
        }
      }
    }
    whatIf.setPods(pods);
    whatIf.setWouldDeny(wouldDeny);
    whatIf.setUnknown(unknown);
    whatIf.setEvaluatedAt(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    return whatIf;
  }
}
