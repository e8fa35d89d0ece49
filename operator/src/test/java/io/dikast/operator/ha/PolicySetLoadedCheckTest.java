package io.dikast.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.operator.policyset.PolicySetView;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PolicySetLoadedCheckTest {

  KubernetesClient client;

  private final PolicySetView policySet = new PolicySetView();

  @Test
  void followerIsNotReadyBecauseOnlyTheLeaderFillsThePolicySet() {
    Leadership leadership = new Leadership(new Settings(true));

    HealthCheckResponse response = check(leadership).call();

    assertThat(response.getStatus()).isEqualTo(Status.DOWN);
    assertThat(response.getData())
        .contains(Map.of("reason", "a follower: the leader's reconcilers fill the policy set"));
  }

  @Test
  void notReadyUntilEveryPolicyInTheClusterIsInThePolicySet() {
    Leadership leadership = new Leadership(new Settings(true));
    leadership.startedLeading();
    client.resource(named(new ImageSecurityPolicy(), "payments", "qa-only")).create();
    client.resource(named(new GenericAttestationPolicy(), "payments", "signed")).create();
    PolicySetLoadedCheck check = check(leadership);
    policySet.putPolicy(policy(PolicyKind.GENERIC_ATTESTATION_POLICY, "payments", "signed"));

    HealthCheckResponse before = check.call();
    policySet.putPolicy(policy(PolicyKind.IMAGE_SECURITY_POLICY, "payments", "qa-only"));
    HealthCheckResponse after = check.call();

    assertThat(before.getStatus()).isEqualTo(Status.DOWN);
    assertThat(before.getData())
        .contains(Map.of("missing", 1L, "first", "ImageSecurityPolicy payments/qa-only"));
    assertThat(after.getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void staysReadyOnceLoadedWhileNewPoliciesAreReconciled() {
    PolicySetLoadedCheck check = check(new Leadership(new Settings(false)));
    assertThat(check.call().getStatus()).isEqualTo(Status.UP);

    client.resource(named(new ImageSecurityPolicy(), "billing", "new-policy")).create();

    assertThat(check.call().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void leaderThatLosesTheLeaseNoLongerReconciles() {
    Leadership leadership = new Leadership(new Settings(true));

    leadership.startedLeading();
    boolean whileLeading = leadership.reconcilesHere();
    leadership.stoppedLeading();

    assertThat(whileLeading).isTrue();
    assertThat(leadership.reconcilesHere()).isFalse();
  }

  @Test
  void configuresTheLeaseOnlyWhenLeaderElectionIsEnabled() {
    LeaderElectionProducer producer = new LeaderElectionProducer();
    Settings enabled = new Settings(true);

    var configuration = producer.leaderElection(enabled, new Leadership(enabled));

    assertThat(configuration.getLeaseName()).isEqualTo("dikast-operator-leader");
    assertThat(configuration.getLeaseNamespace()).contains("dikast-system");
    assertThat(configuration.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(configuration.isExitOnStopLeading()).isTrue();
    assertThat(configuration.getLeaderCallbacks()).isPresent();
    Settings disabled = new Settings(false);
    assertThat(producer.leaderElection(disabled, new Leadership(disabled))).isNull();
  }

  private PolicySetLoadedCheck check(Leadership leadership) {
    return new PolicySetLoadedCheck(client, policySet, leadership);
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(
      T resource, String namespace, String name) {
    resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return resource;
  }

  private static Policy policy(PolicyKind kind, String namespace, String name) {
    return new Policy(
        kind,
        namespace,
        name,
        List.of(),
        List.of("qa"),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }

  private record Settings(boolean enabled) implements LeaderElectionConfig {
    @Override
    public String leaseName() {
      return "dikast-operator-leader";
    }

    @Override
    public Optional<String> leaseNamespace() {
      return Optional.of("dikast-system");
    }

    @Override
    public Duration leaseDuration() {
      return Duration.ofSeconds(15);
    }

    @Override
    public Duration renewDeadline() {
      return Duration.ofSeconds(10);
    }

    @Override
    public Duration retryPeriod() {
      return Duration.ofSeconds(2);
    }
  }
}
