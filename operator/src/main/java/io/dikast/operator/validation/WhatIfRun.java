package io.dikast.operator.validation;

import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.crds.v1beta1.WhatIf;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyRef;
import io.dikast.operator.policyset.PolicySetView;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Answers {@value #ANNOTATION} with {@link WhatIfEvaluator}: the answer goes to the policy's {@code
 * status.whatIf} and the annotation is removed. Continuous validation's counts are left alone.
 */
final class WhatIfRun {

  /** Set on an ImageSecurityPolicy or GenericAttestationPolicy to ask; its value is echoed. */
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
    Optional<Policy> judged =
        view.snapshot(ref.namespace()).policies().stream()
            .filter(p -> p.kind() == ref.kind() && p.name().equals(ref.name()))
            .findFirst();
    if (judged.isEmpty()) {
      // The view does not hold the policy yet (just created): the next poll answers.
      return false;
    }
    WhatIf whatIf = evaluator.evaluate(judged.get());
    whatIf.setRequest(request);
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
