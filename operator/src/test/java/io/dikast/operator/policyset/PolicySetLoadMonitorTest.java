package io.dikast.operator.policyset;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.operator.ha.LeaderElectionSettings;
import io.dikast.operator.ha.Leadership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PolicySetLoadMonitorTest {

  KubernetesClient client;

  private final PolicySetView view = new PolicySetView();

  @Test
  void staysUnloadedUntilEveryPolicyAndAuthorityTheApiServerListsIsPublished() {
    client.resource(named(new ImageSecurityPolicy(), "payments", "qa-only")).create();
    client.resource(named(new GenericAttestationPolicy(), "payments", "signed")).create();
    client.resource(named(new AttestationAuthority(), "payments", "qa")).create();
    PolicySetLoadMonitor monitor = monitor(false);
    view.putPolicy(policy(PolicyKind.IMAGE_SECURITY_POLICY, "qa-only"));
    view.putPolicy(policy(PolicyKind.GENERIC_ATTESTATION_POLICY, "signed"));

    monitor.check();
    boolean loadedWithoutTheAuthority = view.isLoaded();
    Status readinessWithoutTheAuthority = monitor.call().getStatus();
    view.putAuthority(
        ResolvedAuthority.of("payments", "qa", "projects/image-signing/notes/qa", List.of(), true));
    monitor.check();

    assertThat(loadedWithoutTheAuthority).isFalse();
    assertThat(readinessWithoutTheAuthority).isEqualTo(Status.DOWN);
    assertThat(view.isLoaded()).isTrue();
    assertThat(monitor.call().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aPolicyOfTheOtherKindWithTheSameNameDoesNotCount() {
    client.resource(named(new ImageSecurityPolicy(), "payments", "qa-only")).create();
    view.putPolicy(policy(PolicyKind.GENERIC_ATTESTATION_POLICY, "qa-only"));

    monitor(false).check();

    assertThat(view.isLoaded()).isFalse();
  }

  @Test
  void aFollowerNeverLoadsBecauseOnlyTheLeadersReconcilersFillTheSet() {
    PolicySetLoadMonitor monitor = monitor(true);

    monitor.check();

    assertThat(view.isLoaded()).isFalse();
    assertThat(monitor.call().getStatus()).isEqualTo(Status.DOWN);
    assertThat(monitor.call().getData())
        .contains(Map.of("reason", "a follower: the leader's reconcilers fill the policy set"));
  }

  private PolicySetLoadMonitor monitor(boolean electing) {
    return new PolicySetLoadMonitor(
        client, view, new Leadership(new LeaderElectionSettings(electing)));
  }

  private static <T extends HasMetadata> T named(T resource, String namespace, String name) {
    resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return resource;
  }

  private static Policy policy(PolicyKind kind, String name) {
    return new Policy(
        kind,
        "payments",
        name,
        List.of(),
        List.of("qa"),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }
}
