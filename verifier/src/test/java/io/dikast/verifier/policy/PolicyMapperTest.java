package io.dikast.verifier.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.Severity;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.ProvenanceRequirement;
import io.dikast.engine.vulnerability.SeverityLimit;
import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import io.dikast.engine.workload.GroupKind;
import io.dikast.engine.workload.PodSpecKind;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyMapperTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void mapsAKritisImageSecurityPolicyWithDikastDefaults() {
    ImageSecurityPolicy resource =
        isp(
            """
            imageAllowlist: [gcr.io/team/tools/**]
            attestationAuthorityName: qa
            """);

    assertThat(PolicyMapper.toPolicy(resource))
        .isEqualTo(
            new Policy(
                PolicyKind.IMAGE_SECURITY_POLICY,
                "payments",
                "qa-only",
                List.of("gcr.io/team/tools/**"),
                List.of("qa"),
                0,
                EnforcementMode.ENFORCE,
                BreakglassMode.ALLOW,
                BackendUnavailableMode.DENY));
  }

  @Test
  void foldsOldSpellingsAndJoinsAuthorityNamesWithoutRepeats() {
    ImageSecurityPolicy resource =
        isp(
            """
            imageWhitelist: [gcr.io/old/*]
            imageAllowlist: [gcr.io/new/*]
            attestationAuthorityName: qa
            attestationAuthorityNames: [security, qa, release]
            requiredAttestations: 2
            enforcementMode: DryRun
            breakglass: Deny
            onBackendUnavailable: Allow
            """);

    Policy policy = PolicyMapper.toPolicy(resource);

    assertThat(policy.allowlistPatterns()).containsExactly("gcr.io/new/*", "gcr.io/old/*");
    assertThat(policy.authorityNames()).containsExactly("qa", "security", "release");
    assertThat(policy.requiredAttestations()).isEqualTo(2);
    assertThat(policy.enforcementMode()).isEqualTo(EnforcementMode.DRY_RUN);
    assertThat(policy.breakglass()).isEqualTo(BreakglassMode.DENY);
    assertThat(policy.onBackendUnavailable()).isEqualTo(BackendUnavailableMode.ALLOW);
  }

  @Test
  void enforcesTooManyRequiredAttestationsAsAllOfThem() {
    Policy policy =
        PolicyMapper.toPolicy(
            isp(
                """
                attestationAuthorityNames: [qa, security]
                requiredAttestations: 5
                """));

    assertThat(policy.requiredAttestations()).isZero();
    assertThat(policy.requiredCount()).isEqualTo(2);
  }

  @Test
  void mapsUseCachedFactsWithItsBound() {
    Policy policy =
        PolicyMapper.toPolicy(
            isp(
                """
                attestationAuthorityName: qa
                onBackendUnavailable: UseCachedFacts
                cachedFactsMaxAge: 15m
                """));

    assertThat(policy.onBackendUnavailable()).isEqualTo(BackendUnavailableMode.USE_CACHED_FACTS);
    assertThat(policy.cachedFactsMaxAge()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void boundsCachedFactsByOneHourUnlessThePolicySaysOtherwise() {
    Policy policy =
        PolicyMapper.toPolicy(
            isp(
                """
                attestationAuthorityName: qa
                onBackendUnavailable: UseCachedFacts
                """));

    assertThat(policy.cachedFactsMaxAge()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void readsACachedFactsMaxAgeThatIsNoDurationAsZero() {
    Policy policy =
        PolicyMapper.toPolicy(
            isp(
                """
                onBackendUnavailable: UseCachedFacts
                cachedFactsMaxAge: one day
                """));

    assertThat(policy.cachedFactsMaxAge()).isZero();
  }

  @Test
  void mapsVulnerabilityRequirements() {
    Policy policy =
        PolicyMapper.toPolicy(
            isp(
                """
                attestationAuthorityName: qa
                packageVulnerabilityRequirements:
                  maximumSeverity: HIGH
                  maximumFixUnavailableSeverity: BLOCK_ALL
                  allowlistCVEs:
                  - providers/goog-vulnz/notes/CVE-2017-1000082
                  - CVE-2017-1000081
                """));

    assertThat(policy.vulnerabilityRequirements())
        .contains(
            new VulnerabilityRequirements(
                SeverityLimit.HIGH,
                SeverityLimit.BLOCK_ALL,
                List.of("providers/goog-vulnz/notes/CVE-2017-1000082", "CVE-2017-1000081")));
  }

  @Test
  void mapsOlderKritisSpellingsOfVulnerabilityRequirements() {
    Policy policy =
        PolicyMapper.toPolicy(
            isp(
                """
                packageVulnerabilityRequirements:
                  maximumSeverity: MEDIUM
                  maximumFixNotAvailableSeverity: LOW
                  allowlistCVEs: [CVE-2017-1000081]
                  whitelistCVEs: [providers/goog-vulnz/notes/CVE-2017-1000082]
                """));

    assertThat(policy.vulnerabilityRequirements())
        .contains(
            new VulnerabilityRequirements(
                SeverityLimit.MEDIUM,
                SeverityLimit.LOW,
                List.of("CVE-2017-1000081", "providers/goog-vulnz/notes/CVE-2017-1000082")));
  }

  @Test
  void appliesKritisDefaultsToUnsetVulnerabilityLimits() {
    Policy policy = PolicyMapper.toPolicy(isp("packageVulnerabilityRequirements: {}"));

    assertThat(policy.vulnerabilityRequirements())
        .contains(
            new VulnerabilityRequirements(
                SeverityLimit.CRITICAL, SeverityLimit.ALLOW_ALL, List.of()));
  }

  @Test
  void checksNoVulnerabilitiesWhenThePolicyNamesNoRequirements() {
    assertThat(
            PolicyMapper.toPolicy(isp("attestationAuthorityName: qa")).vulnerabilityRequirements())
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Severity.class)
  void mapsEveryManifestSeverityToTheEngineLimitOfTheSameName(Severity severity) {
    Policy policy =
        PolicyMapper.toPolicy(
            isp(
                """
                packageVulnerabilityRequirements:
                  maximumSeverity: %s
                  maximumFixUnavailableSeverity: %s
                """
                    .formatted(severity, severity)));

    VulnerabilityRequirements requirements = policy.vulnerabilityRequirements().orElseThrow();
    assertThat(requirements.maximumSeverity().name()).isEqualTo(severity.name());
    assertThat(requirements.maximumFixUnavailableSeverity().name()).isEqualTo(severity.name());
  }

  @Test
  void mapsGenericAttestationPolicyPatternsFromBothSpellings() {
    GenericAttestationPolicy resource =
        serialization.unmarshal(
            """
            apiVersion: kritis.grafeas.io/v1beta1
            kind: GenericAttestationPolicy
            metadata: {name: signed, namespace: payments}
            spec:
              attestationAuthorityNames: [qa]
              admissionAllowlistPatterns: [{namePattern: gcr.io/a/*}]
              admissionWhitelistPatterns: [{namePattern: gcr.io/b/**}]
            """,
            GenericAttestationPolicy.class);

    Policy policy = PolicyMapper.toPolicy(resource);

    assertThat(policy.kind()).isEqualTo(PolicyKind.GENERIC_ATTESTATION_POLICY);
    assertThat(policy.qualifiedName()).isEqualTo("payments/signed");
    assertThat(policy.allowlistPatterns()).containsExactly("gcr.io/a/*", "gcr.io/b/**");
    assertThat(policy.authorityNames()).containsExactly("qa");
    assertThat(policy.enforcementMode()).isEqualTo(EnforcementMode.ENFORCE);
    assertThat(policy.vulnerabilityRequirements()).isEmpty();
  }

  @Test
  void mapsPodSpecKindsOfBothPolicyKindsWithTheCoreGroupWhenAbsent() {
    ImageSecurityPolicy isp =
        isp(
            """
            attestationAuthorityName: qa
            podSpecKinds:
              - {group: ci.example.com, kind: Runner, podSpecPath: /spec/workers/pod}
              - {kind: Widget, podSpecPath: /spec/pod}
              - {kind: Widget, podSpecPath: /spec/pod}
            """);
    GenericAttestationPolicy gap =
        serialization.unmarshal(
            """
            apiVersion: kritis.grafeas.io/v1beta1
            kind: GenericAttestationPolicy
            metadata: {name: signed, namespace: payments}
            spec:
              attestationAuthorityNames: [qa]
              podSpecKinds: [{group: argoproj.io, kind: Rollout, podSpecPath: /spec/template/spec}]
            """,
            GenericAttestationPolicy.class);

    assertThat(PolicyMapper.toPolicy(isp).podSpecKinds())
        .containsExactly(
            new PodSpecKind(new GroupKind("ci.example.com", "Runner"), "/spec/workers/pod"),
            new PodSpecKind(new GroupKind("", "Widget"), "/spec/pod"));
    assertThat(PolicyMapper.toPolicy(gap).podSpecKinds())
        .containsExactly(
            new PodSpecKind(new GroupKind("argoproj.io", "Rollout"), "/spec/template/spec"));
    assertThat(PolicyMapper.toPolicy(isp("attestationAuthorityName: qa")).podSpecKinds()).isEmpty();
  }

  @Test
  void mapsAClusterPolicyWithoutANamespaceAndItsAuthoritiesInTheOperatorsNamespace() {
    ClusterImageSecurityPolicy resource =
        serialization.unmarshal(
            """
            apiVersion: kritis.grafeas.io/v1beta1
            kind: ClusterImageSecurityPolicy
            metadata: {name: baseline}
            spec:
              imageAllowlist: [gcr.io/team/tools/**]
              attestationAuthorityName: qa
              attestationAuthorityNames: [security]
              requiredAttestations: 1
              packageVulnerabilityRequirements: {maximumSeverity: HIGH}
              provenanceRequirements:
              - authorityName: ci
                builderIdPatterns: [https://github.com/slsa-framework/**]
            """,
            ClusterImageSecurityPolicy.class);

    Policy policy = PolicyMapper.toPolicy(resource, "dikast");

    assertThat(policy.kind()).isEqualTo(PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY);
    assertThat(policy.namespace()).isEmpty();
    assertThat(policy.qualifiedName()).isEqualTo("baseline");
    assertThat(policy.allowlistPatterns()).containsExactly("gcr.io/team/tools/**");
    assertThat(policy.authorityNames()).containsExactly("dikast/qa", "dikast/security");
    assertThat(policy.requiredAttestations()).isEqualTo(1);
    assertThat(policy.vulnerabilityRequirements()).isPresent();
    assertThat(policy.provenanceRequirements())
        .as("provenance is read in the operator's namespace too")
        .containsExactly(
            new ProvenanceRequirement(
                "dikast/ci", List.of("https://github.com/slsa-framework/**"), List.of()));
    assertThat(resource.getSpec().getExcludedNamespaces())
        .as("the default exclusions when the manifest says none")
        .containsExactly("kube-node-lease", "kube-public", "kube-system");
  }

  @Test
  void carriesProvenanceRequirementsOfBothKindsAndDropsEntriesThatCanMeanNothing() {
    String requirements =
        """
        provenanceRequirements:
        - authorityName: ci
          builderIdPatterns: [https://github.com/slsa-framework/**, " "]
          sourceRepositoryPatterns: [git+https://github.com/acme/**]
        - authorityName: ci
          builderIdPatterns: [https://github.com/slsa-framework/**, " "]
          sourceRepositoryPatterns: [git+https://github.com/acme/**]
        - authorityName: " "
        - authorityName: release
        """;
    GenericAttestationPolicy generic =
        serialization.unmarshal(
            "apiVersion: kritis.grafeas.io/v1beta1\n"
                + "kind: GenericAttestationPolicy\n"
                + "metadata: {name: built, namespace: payments}\n"
                + "spec:\n"
                + ("attestationAuthorityNames: [qa]\n" + requirements).indent(2),
            GenericAttestationPolicy.class);
    List<ProvenanceRequirement> expected =
        List.of(
            new ProvenanceRequirement(
                "ci",
                List.of("https://github.com/slsa-framework/**"),
                List.of("git+https://github.com/acme/**")),
            new ProvenanceRequirement("release", List.of(), List.of()));

    assertThat(PolicyMapper.toPolicy(isp(requirements)).provenanceRequirements())
        .isEqualTo(expected);
    assertThat(PolicyMapper.toPolicy(generic).provenanceRequirements()).isEqualTo(expected);
    assertThat(
            PolicyMapper.toPolicy(isp("attestationAuthorityName: qa\n")).provenanceRequirements())
        .isEmpty();
  }

  private ImageSecurityPolicy isp(String spec) {
    String yaml =
        "apiVersion: kritis.grafeas.io/v1beta1\n"
            + "kind: ImageSecurityPolicy\n"
            + "metadata: {name: qa-only, namespace: payments}\n"
            + "spec:\n"
            + spec.indent(2);
    return serialization.unmarshal(yaml, ImageSecurityPolicy.class);
  }
}
