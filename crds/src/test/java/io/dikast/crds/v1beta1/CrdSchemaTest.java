package io.dikast.crds.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRDs on the jar's classpath make the API server reject malformed input. */
class CrdSchemaTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void attestationAuthorityNoteReferenceIsWellFormed() throws IOException {
    CustomResourceDefinition crd = load("attestationauthorities");
    JSONSchemaProps spec = spec(crd);

    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("aa");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(spec.getProperties().get("noteReference").getPattern())
        .isEqualTo("^(v1beta1/|v1/)?projects/[^/]+/notes/[^/]+$");
    assertThat(columns(crd)).containsExactly("Ready", "Note", "Keys", "Age");
    assertThat(version(crd).getAdditionalPrinterColumns().get(0).getJsonPath())
        .isEqualTo(".status.conditions[?(@.type==\"Ready\")].status");
    assertThat(version(crd).getSubresources().getStatus()).isNotNull();
  }

  @Test
  void publicKeysHaveTypeAndAlgorithmEnumsAndKeyMaterialRules() throws IOException {
    JSONSchemaProps key =
        spec(load("attestationauthorities"))
            .getProperties()
            .get("publicKeys")
            .getItems()
            .getSchema();

    assertThat(key.getProperties().get("keyType").getEnum())
        .extracting(node -> node.asText())
        .containsExactly("PGP", "PKIX");
    JSONSchemaProps pkix = key.getProperties().get("pkixPublicKey");
    assertThat(pkix.getRequired()).containsExactly("publicKeyPem", "signatureAlgorithm");
    assertThat(pkix.getProperties().get("signatureAlgorithm").getEnum())
        .extracting(node -> node.asText())
        .hasSize(14)
        .contains("ECDSA_P256_SHA256", "RSA_PSS_4096_SHA512", "EC_SIGN_P521_SHA512");
    assertThat(key.getXKubernetesValidations())
        .extracting(ValidationRule::getMessage)
        .containsExactly(
            "keyType is required",
            "a PGP key needs asciiArmoredPgpPublicKey",
            "a PKIX key needs pkixPublicKey");
  }

  @Test
  void anAuthorityNeedsANoteOrACosignSource() throws IOException {
    JSONSchemaProps spec = spec(load("attestationauthorities"));

    assertThat(spec.getRequired()).isNullOrEmpty();
    assertThat(spec.getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .containsExactly("has(self.noteReference) || has(self.cosign)");
    assertThat(spec.getProperties().get("cosign").getProperties())
        .containsOnlyKeys("repository", "credentialsSecretName", "caBundle", "plainHttp");
  }

  @Test
  void keySourcesNameExactlyOneObjectAndDefaultToPgp() throws IOException {
    JSONSchemaProps source =
        spec(load("attestationauthorities"))
            .getProperties()
            .get("publicKeysFrom")
            .getItems()
            .getSchema();

    assertThat(source.getProperties().get("keyType").getDefault().asText()).isEqualTo("PGP");
    assertThat(source.getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .contains("has(self.configMapName) != has(self.secretName)");
  }

  @Test
  void imageSecurityPolicyHasDikastDefaultsAndSeverityEnums() throws IOException {
    CustomResourceDefinition crd = load("imagesecuritypolicies");
    JSONSchemaProps spec = spec(crd);

    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("isp");
    assertThat(spec.getProperties().get("enforcementMode").getEnum())
        .extracting(node -> node.asText())
        .containsExactlyInAnyOrder("Enforce", "DryRun");
    assertThat(spec.getProperties().get("enforcementMode").getDefault().asText())
        .isEqualTo("Enforce");
    assertThat(spec.getProperties().get("breakglass").getDefault().asText()).isEqualTo("Allow");
    assertThat(spec.getProperties().get("onBackendUnavailable").getDefault().asText())
        .isEqualTo("Deny");
    assertThat(spec.getProperties().get("requiredAttestations").getMinimum()).isEqualTo(0.0);
    assertThat(
            spec.getProperties()
                .get("packageVulnerabilityRequirements")
                .getProperties()
                .get("maximumFixUnavailableSeverity")
                .getEnum())
        .extracting(node -> node.asText())
        .containsExactlyInAnyOrder("LOW", "MEDIUM", "HIGH", "CRITICAL", "BLOCK_ALL", "ALLOW_ALL");
    assertThat(spec.getProperties())
        .containsKeys("imageAllowlist", "imageWhitelist", "builtProjectIDs");
    assertThat(columns(crd))
        .containsExactly(
            "Ready", "Mode", "Authorities", "Provenance", "Violations", "Would-Deny", "Age");
    assertThat(version(crd).getSubresources().getStatus()).isNotNull();
  }

  @Test
  void packageVulnerabilityRequirementsStateKritisDefaults() throws IOException {
    JSONSchemaProps spec = spec(load("imagesecuritypolicies"));
    JSONSchemaProps requirements = spec.getProperties().get("packageVulnerabilityRequirements");

    assertThat(requirements.getDescription())
        .contains("maximumSeverity CRITICAL, maximumFixUnavailableSeverity ALLOW_ALL");
    assertThat(requirements.getProperties().get("maximumSeverity").getDescription())
        .endsWith("Default: CRITICAL.");
    assertThat(requirements.getProperties().get("maximumFixUnavailableSeverity").getDescription())
        .endsWith("Default: ALLOW_ALL.");
    assertThat(requirements.getProperties().get("maximumSeverity").getDefault()).isNull();
  }

  @Test
  void kritisConfigIsClusterScopedWithKritisFieldsAndAStatus() throws IOException {
    CustomResourceDefinition crd = load("kritisconfigs");
    JSONSchemaProps spec = spec(crd);

    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo("KritisConfig");
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("kritisconfigs");
    assertThat(spec.getProperties())
        .containsOnlyKeys(
            "metadataBackend", "cronInterval", "serverAddr", "grafeas", "imageWhitelist");
    assertThat(spec.getProperties().get("grafeas").getProperties())
        .containsOnlyKeys("addr", "caPath", "clientKeyPath", "clientCertPath");
    assertThat(spec.getProperties().get("cronInterval").getPattern())
        .isEqualTo(KritisConfigSpec.DURATION);
    assertThat(spec.getProperties().values())
        .allSatisfy(property -> assertThat(property.getDescription()).isNotBlank());
    assertThat(columns(crd)).containsExactly("Ready", "Interval", "Age");
    assertThat(version(crd).getSubresources().getStatus()).isNotNull();
    assertThat(
            version(crd)
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("status")
                .getProperties())
        .containsOnlyKeys(
            "conditions", "observedGeneration", "validationInterval", "supersededFields");
  }

  @Test
  void clusterImageSecurityPolicyIsClusterScopedWithASelectorExclusionsAndNoAutoAttestation()
      throws IOException {
    CustomResourceDefinition crd = load("clusterimagesecuritypolicies");
    JSONSchemaProps spec = spec(crd);

    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("cisp");
    assertThat(spec.getProperties())
        .containsKeys(
            "attestationAuthorityName",
            "imageAllowlist",
            "packageVulnerabilityRequirements",
            "enforcementMode",
            "breakglass",
            "namespaceSelector",
            "excludedNamespaces");
    assertThat(spec.getProperties().get("namespaceSelector").getProperties())
        .containsOnlyKeys("matchLabels", "matchExpressions");
    assertThat(spec.getProperties().get("excludedNamespaces").getDefault())
        .isEqualTo(
            SERIALIZATION.convertValue(
                List.of("kube-node-lease", "kube-public", "kube-system"), JsonNode.class));
    assertThat(spec.getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .contains("!has(self.privateKeySecretName)");
    assertThat(columns(crd))
        .containsExactly(
            "Ready",
            "Mode",
            "Authorities",
            "Provenance",
            "Namespaces",
            "Excluded",
            "Violations",
            "Would-Deny",
            "Age");
    assertThat(
            version(crd)
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("status")
                .getProperties())
        .containsKeys(
            "conditions",
            "authorityNamespace",
            "selectedNamespaces",
            "excludedNamespaces",
            "excluded",
            "violations",
            "violatingPods");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1h", "30m", "1h30m", "90s", "1.5h", "250ms"})
  void acceptsGoDurationsAsCronInterval(String interval) {
    assertThat(interval).matches(KritisConfigSpec.DURATION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "h", "1 h", "1d", "-1h", "every hour"})
  void rejectsCronIntervalsThatAreNotGoDurations(String interval) {
    assertThat(interval).doesNotMatch(KritisConfigSpec.DURATION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"imagesecuritypolicies", "genericattestationpolicies"})
  void policiesBoundCachedFactsByAGoDurationUnderUseCachedFactsOnly(String plural)
      throws IOException {
    JSONSchemaProps spec = spec(load(plural));

    assertThat(spec.getProperties().get("onBackendUnavailable").getEnum())
        .extracting(node -> node.asText())
        .containsExactlyInAnyOrder("Deny", "Allow", "UseCachedFacts");
    assertThat(spec.getProperties().get("cachedFactsMaxAge").getPattern())
        .isEqualTo(KritisConfigSpec.DURATION);
    assertThat(spec.getProperties().get("cachedFactsMaxAge").getDefault()).isNull();
    assertThat(spec.getProperties().get("cachedFactsMaxAge").getDescription())
        .contains("Default: 1h.");
    assertThat(spec.getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .containsExactly(
            "!has(self.cachedFactsMaxAge) || self.onBackendUnavailable == 'UseCachedFacts'");
  }

  @Test
  void genericAttestationPolicyRequiresAtLeastOneAuthority() throws IOException {
    CustomResourceDefinition crd = load("genericattestationpolicies");
    JSONSchemaProps spec = spec(crd);

    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("gap");
    assertThat(spec.getRequired()).containsExactly("attestationAuthorityNames");
    assertThat(spec.getProperties().get("attestationAuthorityNames").getMinItems()).isEqualTo(1L);
    assertThat(spec.getProperties())
        .containsKeys("admissionAllowlistPatterns", "admissionWhitelistPatterns");
    assertThat(columns(crd))
        .containsExactly(
            "Ready", "Mode", "Authorities", "Provenance", "Violations", "Would-Deny", "Age");
    assertThat(version(crd).getSubresources().getStatus()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"imagesecuritypolicies", "genericattestationpolicies"})
  void policiesListPodSpecKindsWithAValidatedGroupKindAndJsonPointer(String plural)
      throws IOException {
    JSONSchemaProps kinds = spec(load(plural)).getProperties().get("podSpecKinds");
    JSONSchemaProps kind = kinds.getItems().getSchema();

    assertThat(kinds.getType()).isEqualTo("array");
    assertThat(kinds.getDescription()).startsWith("Dikast: kinds without a built-in model");
    assertThat(kind.getRequired()).containsExactlyInAnyOrder("kind", "podSpecPath");
    assertThat(kind.getProperties()).containsOnlyKeys("group", "kind", "podSpecPath");
    assertThat(kind.getProperties().values())
        .allSatisfy(property -> assertThat(property.getDescription()).isNotBlank());
    assertThat(kind.getProperties().get("podSpecPath").getPattern())
        .isEqualTo(PodSpecKind.JSON_POINTER);
    assertThat(kind.getProperties().get("group").getPattern()).isEqualTo(PodSpecKind.GROUP);
    assertThat(kind.getXKubernetesValidations())
        .extracting(ValidationRule::getMessage)
        .containsExactly(
            "built-in workload kinds are always checked where Kubernetes keeps their pod spec");
    assertThat(kind.getXKubernetesValidations().get(0).getRule())
        .contains("'Pod'", "'Deployment'", "'CronJob'", "self.group == 'batch'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/spec", "/spec/runner/pod", "/spec/a~1b/c~0d", "/spec/", "/spec/0"})
  void acceptsJsonPointersAsPodSpecPaths(String path) {
    assertThat(path).matches(PodSpecKind.JSON_POINTER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "spec/pod", ".spec.pod", "/spec/~2", "/spec~", "$.spec"})
  void rejectsPodSpecPathsThatAreNotJsonPointersToAField(String path) {
    assertThat(path).doesNotMatch(PodSpecKind.JSON_POINTER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "argoproj.io", "serving.knative.dev", "apps"})
  void acceptsApiGroups(String group) {
    assertThat(group).matches(PodSpecKind.GROUP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Argoproj.io", "argoproj.io/v1alpha1", ".io", "a..b"})
  void rejectsTextThatIsNotAnApiGroup(String group) {
    assertThat(group).doesNotMatch(PodSpecKind.GROUP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"imagesecuritypolicies", "genericattestationpolicies"})
  void bothPolicyKindsTakeProvenanceRequirementsNamingTheirAuthority(String plural)
      throws IOException {
    CustomResourceDefinition crd = load(plural);
    JSONSchemaProps requirement =
        spec(crd).getProperties().get("provenanceRequirements").getItems().getSchema();

    assertThat(requirement.getRequired()).containsExactly("authorityName");
    assertThat(requirement.getProperties().get("authorityName").getMinLength()).isEqualTo(1L);
    assertThat(requirement.getProperties())
        .containsOnlyKeys("authorityName", "builderIdPatterns", "sourceRepositoryPatterns");
    assertThat(
            version(crd)
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("status")
                .getProperties())
        .containsKey("provenanceAuthorities");
    assertThat(version(crd).getAdditionalPrinterColumns())
        .filteredOn(column -> column.getName().equals("Provenance"))
        .extracting(CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(".status.provenanceAuthorities");
  }

  private static CustomResourceDefinition load(String plural) throws IOException {
    String path = "/crds/" + plural + ".kritis.grafeas.io-v1.yml";
    try (InputStream in = CrdSchemaTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    return crd.getSpec().getVersions().get(0);
  }

  private static JSONSchemaProps spec(CustomResourceDefinition crd) {
    return version(crd).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  private static List<String> columns(CustomResourceDefinition crd) {
    return version(crd).getAdditionalPrinterColumns().stream()
        .map(CustomResourceColumnDefinition::getName)
        .toList();
  }
}
