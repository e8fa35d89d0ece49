package io.dikast.operator.policyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How ClusterImageSecurityPolicies join the snapshots of the namespaces they select. */
class ClusterPoliciesInViewTest {

  private final PolicySetView view = new PolicySetView("dikast");

  @Test
  void aClusterPolicyJoinsEverySelectedNamespaceButNotTheExcludedOrTheOperatorsOwn() {
    view.putNamespace("payments", Map.of());
    view.putNamespace("kube-system", Map.of());
    view.putNamespace("dikast", Map.of());
    view.putPolicy(namespacePolicy("payments", "qa-only"));
    view.putClusterPolicy(clusterPolicy("baseline", null));

    assertThat(view.snapshot("payments").policies())
        .extracting(Policy::kind, Policy::name)
        .containsExactly(
            tuple(PolicyKind.IMAGE_SECURITY_POLICY, "qa-only"),
            tuple(PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY, "baseline"));
    assertThat(view.snapshot("web").policies())
        .as("a namespace not listed yet, with no policy of its own")
        .extracting(Policy::name)
        .containsExactly("baseline");
    assertThat(view.snapshot("kube-system").policies()).isEmpty();
    assertThat(view.snapshot("dikast").policies()).isEmpty();
    assertThat(view.selectedNamespaces("baseline")).containsExactly("payments");
  }

  @Test
  void itsAuthoritiesAreThoseOfTheOperatorsNamespaceNeverTheNamespacesOwn() {
    view.putAuthority(
        ResolvedAuthority.of("payments", "qa", "projects/tenant/notes/qa", List.of(), true));
    view.putClusterPolicy(clusterPolicy("baseline", null));

    NamespacePolicies before = view.snapshot("payments");
    assertThat(before.authority("dikast/qa")).isEmpty();
    assertThat(before.authority("qa").orElseThrow().noteName())
        .isEqualTo("projects/tenant/notes/qa");

    view.putAuthority(
        ResolvedAuthority.of("dikast", "qa", "projects/release/notes/qa", List.of(), true));

    NamespacePolicies after = view.snapshot("payments");
    assertThat(after.authority("dikast/qa").orElseThrow().noteName())
        .isEqualTo("projects/release/notes/qa");
    assertThat(after.authority("qa").orElseThrow().noteName())
        .isEqualTo("projects/tenant/notes/qa");

    view.removeAuthority("dikast", "qa");
    assertThat(view.snapshot("payments").authority("dikast/qa")).isEmpty();
  }

  @Test
  void relabellingANamespaceChangesWhetherTheSelectorPicksIt() {
    view.putNamespace("payments", Map.of("tier", "dev"));
    view.putClusterPolicy(clusterPolicy("production", Map.of("tier", "prod")));

    assertThat(view.snapshot("payments").policies()).isEmpty();

    view.putNamespace("payments", Map.of("tier", "prod"));
    assertThat(view.snapshot("payments").policies())
        .extracting(Policy::name)
        .containsExactly("production");

    view.removeNamespace("payments");
    assertThat(view.snapshot("payments").policies())
        .as("a namespace without labels does not meet a selector that needs one")
        .isEmpty();
  }

  @Test
  void aWarmSnapshotIsComposedOnceAndRecomposedWhenTheNamespaceChanges() {
    view.putClusterPolicy(clusterPolicy("baseline", null));

    NamespacePolicies first = view.snapshot("payments");
    assertThat(view.snapshot("payments")).isSameAs(first);

    view.putPolicy(namespacePolicy("payments", "qa-only"));
    assertThat(view.snapshot("payments").policies())
        .extracting(Policy::name)
        .containsExactly("qa-only", "baseline");
  }

  @Test
  void removingTheClusterPolicyLeavesTheNamespacesOwnSnapshot() {
    view.putPolicy(namespacePolicy("payments", "qa-only"));
    view.putClusterPolicy(clusterPolicy("baseline", null));
    assertThat(view.holds(PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY, "", "baseline")).isTrue();

    view.removeClusterPolicy("baseline");

    assertThat(view.holds(PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY, "", "baseline")).isFalse();
    assertThat(view.snapshot("payments").policies())
        .extracting(Policy::name)
        .containsExactly("qa-only");
    assertThat(view.selectedNamespaces("baseline")).isEmpty();
  }

  private static ClusterPolicy clusterPolicy(String name, Map<String, String> matchLabels) {
    Policy policy =
        new Policy(
            PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY,
            "",
            name,
            List.of(),
            List.of("dikast/qa"),
            0,
            EnforcementMode.ENFORCE,
            BreakglassMode.ALLOW,
            BackendUnavailableMode.DENY);
    return new ClusterPolicy(
        policy,
        NamespaceSelection.of(
            matchLabels == null
                ? null
                : new LabelSelectorBuilder().withMatchLabels(matchLabels).build(),
            List.of("kube-system"),
            "dikast"));
  }

  private static Policy namespacePolicy(String namespace, String name) {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        namespace,
        name,
        List.of(),
        List.of("qa"),
        0,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }
}
