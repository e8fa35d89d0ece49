package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.crds.v1beta1.WhatIf;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyRef;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.reconciler.PolicyObjects;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Answers {@value #ANNOTATION} with {@link WhatIfEvaluator}: the answer goes to the policy's {@code
 * status.whatIf} and the annotation is removed. Continuous validation's counts are left alone.
 */
final class WhatIfRun {

  /** Set on a policy of any kind to ask; its value is echoed. */
  static final String ANNOTATION = "kritis.grafeas.io/what-if";

  private static final Logger LOG = Logger.getLogger(WhatIfRun.class);

  private final KubernetesClient client;
  private final PolicySetView view;
  private final WhatIfEvaluator evaluator;

  WhatIfRun(KubernetesClient client, PolicySetView view, WhatIfEvaluator evaluator) {
    this.client = client;
    this.view = view;
    this.evaluator = evaluator;
  }

  /** Answers every one of {@code policies} that asks; returns how many were answered. */
  int answer(List<CustomResource<?, ? extends PolicyStatus>> policies) throws InterruptedException {
    int answered = 0;
    for (CustomResource<?, ? extends PolicyStatus> policy : policies) {
      Optional<String> request = PolicyObjects.annotation(policy, ANNOTATION);
      if (request.isPresent() && answer(PolicyObjects.ref(policy), request.get())) {
        answered++;
      }
    }
    return answered;
  }

  private boolean answer(PolicyRef ref, String request) throws InterruptedException {
    Optional<Policy> judged = view.policy(ref);
    if (judged.isEmpty()) {
      // The view does not hold the policy yet (just created): the next poll answers.
      return false;
    }
    WhatIf whatIf = evaluator.evaluate(judged.get());
    whatIf.setRequest(request);
    report(ref, whatIf);
    return true;
  }

  private void report(PolicyRef ref, WhatIf whatIf) {
    try {
      PolicyObjects.editStatus(client, ref, (status, generation) -> status.setWhatIf(whatIf));
      PolicyObjects.removeAnnotation(client, ref, ANNOTATION);
      LOG.infof(
          "what-if on %s: %d of %d running pods would be denied",
          ref, whatIf.getWouldDeny(), whatIf.getPods());
    } catch (KubernetesClientException e) {
      LOG.warnf("could not answer what-if on %s: %s", ref, e.getMessage());
    }
  }
}
