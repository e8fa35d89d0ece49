package io.dikast.operator.ha;

import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.operator.policyset.PolicySetView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every policy in the cluster is in this replica's policy set. Before that, admission
 * would find no policy for a namespace and allow its workloads, so the Service must not send this
 * replica any. The policy set is filled by the reconcilers, which run on the leader only: a
 * follower stays not ready until it leads. Once loaded, the check stops listing policies.
 */
@Readiness
@ApplicationScoped
public class PolicySetLoadedCheck implements HealthCheck {

  static final String NAME = "policy-set";

  private final KubernetesClient client;
  private final PolicySetView policySet;
  private final Leadership leadership;
  private volatile boolean loaded;

  PolicySetLoadedCheck(KubernetesClient client, PolicySetView policySet, Leadership leadership) {
    this.client = client;
    this.policySet = policySet;
    this.leadership = leadership;
  }

  @Override
  public HealthCheckResponse call() {
    if (!leadership.reconcilesHere()) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("reason", "a follower: the leader's reconcilers fill the policy set")
          .build();
    }
    if (!loaded) {
      List<String> missing = missing();
      if (!missing.isEmpty()) {
        return HealthCheckResponse.named(NAME)
            .down()
            .withData("missing", missing.size())
            .withData("first", missing.get(0))
            .build();
      }
      loaded = true;
    }
    return HealthCheckResponse.up(NAME);
  }

  private List<String> missing() {
    Stream<String> policies =
        Stream.concat(
            absent(PolicyKind.IMAGE_SECURITY_POLICY, ImageSecurityPolicy.class),
            absent(PolicyKind.GENERIC_ATTESTATION_POLICY, GenericAttestationPolicy.class));
    return policies.toList();
  }

  private Stream<String> absent(PolicyKind kind, Class<? extends HasMetadata> type) {
    return client.resources(type).inAnyNamespace().list().getItems().stream()
        .filter(resource -> !loaded(kind, resource))
        .map(
            r ->
                kind.kind()
                    + " "
                    + r.getMetadata().getNamespace()
                    + "/"
                    + r.getMetadata().getName());
  }

  private boolean loaded(PolicyKind kind, HasMetadata resource) {
    List<Policy> policies = policySet.snapshot(resource.getMetadata().getNamespace()).policies();
    return policies.stream()
        .anyMatch(p -> p.kind() == kind && p.name().equals(resource.getMetadata().getName()));
  }
}
