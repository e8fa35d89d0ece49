package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.ClusterPolicyStatus;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.PolicyStatus;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.PolicyRef;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The policy objects of all three kinds as the operator's writers see them: listed, named by a
 * {@link PolicyRef}, their status edited and an annotation removed, whether the kind is namespaced
 * or cluster-scoped. Admission observations, continuous validation and what-if all write here.
 */
public final class PolicyObjects {

  private PolicyObjects() {}

  /** Every ImageSecurityPolicy, GenericAttestationPolicy and ClusterImageSecurityPolicy. */
  public static List<CustomResource<?, ? extends PolicyStatus>> list(KubernetesClient client) {
    List<CustomResource<?, ? extends PolicyStatus>> all = new ArrayList<>();
    all.addAll(client.resources(ImageSecurityPolicy.class).inAnyNamespace().list().getItems());
    all.addAll(client.resources(GenericAttestationPolicy.class).inAnyNamespace().list().getItems());
    all.addAll(client.resources(ClusterImageSecurityPolicy.class).list().getItems());
    return all;
  }

  public static PolicyRef ref(CustomResource<?, ?> policy) {
    String name = policy.getMetadata().getName();
    if (policy instanceof ClusterImageSecurityPolicy) {
      return new PolicyRef(PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY, "", name);
    }
    PolicyKind kind =
        policy instanceof ImageSecurityPolicy
            ? PolicyKind.IMAGE_SECURITY_POLICY
            : PolicyKind.GENERIC_ATTESTATION_POLICY;
    return new PolicyRef(kind, policy.getMetadata().getNamespace(), name);
  }

  /** The annotation's value on {@code policy}, if it has it. */
  public static Optional<String> annotation(CustomResource<?, ?> policy, String key) {
    Map<String, String> annotations = policy.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(key));
  }

  /** The object as the API server holds it now; empty once it is gone. */
  public static Optional<CustomResource<?, ? extends PolicyStatus>> get(
      KubernetesClient client, PolicyRef policy) {
    return Optional.ofNullable(resource(client, policy).get());
  }

  /**
   * Applies {@code change} to the latest status (an empty one when it has none), with the latest
   * {@code metadata.generation}, and writes it.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void editStatus(
      KubernetesClient client, PolicyRef policy, BiConsumer<PolicyStatus, Long> change) {
    Supplier<PolicyStatus> empty =
        policy.kind().clusterScoped() ? ClusterPolicyStatus::new : PolicyStatus::new;
    resource(client, policy)
        .editStatus(
            latest -> {
              PolicyStatus status = latest.getStatus() == null ? empty.get() : latest.getStatus();
              change.accept(status, latest.getMetadata().getGeneration());
              // The status class is the kind's own: a ClusterPolicyStatus for a cluster policy.
              ((CustomResource) latest).setStatus(status);
              return latest;
            });
  }

  public static void removeAnnotation(KubernetesClient client, PolicyRef policy, String key) {
    resource(client, policy)
        .edit(
            latest -> {
              if (latest.getMetadata().getAnnotations() != null) {
                latest.getMetadata().getAnnotations().remove(key);
              }
              return latest;
            });
  }

  @SuppressWarnings("unchecked")
  private static Resource<CustomResource<?, ? extends PolicyStatus>> resource(
      KubernetesClient client, PolicyRef policy) {
    Resource<? extends CustomResource<?, ? extends PolicyStatus>> resource =
        switch (policy.kind()) {
          case IMAGE_SECURITY_POLICY ->
              client
                  .resources(ImageSecurityPolicy.class)
                  .inNamespace(policy.namespace())
                  .withName(policy.name());
          case GENERIC_ATTESTATION_POLICY ->
              client
                  .resources(GenericAttestationPolicy.class)
                  .inNamespace(policy.namespace())
                  .withName(policy.name());
          case CLUSTER_IMAGE_SECURITY_POLICY ->
              client.resources(ClusterImageSecurityPolicy.class).withName(policy.name());
        };
    return (Resource<CustomResource<?, ? extends PolicyStatus>>) resource;
  }
}
