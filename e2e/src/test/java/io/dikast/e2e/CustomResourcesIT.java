package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generated CRDs in a real API server: Kritis manifests apply with kubectl, and the schema
 * refuses malformed resources with the API server's own message. Rejections use {@code
 * --validate=false} so the refusal comes from the server, not kubectl's client-side check.
 */
@ExtendWith(ClusterExtension.class)
class CustomResourcesIT {

  private static TestCluster cluster;
  private static TestNamespace namespace;
  private static Kubectl kubectl;
  private static PgpAuthorityKey key;

  @BeforeAll
  static void createNamespace(TestCluster testCluster) {
    cluster = testCluster;
    namespace = TestNamespace.create(cluster.admin(), "crds");
    kubectl = cluster.kubectl();
    key = PgpAuthorityKey.generate();
  }

  @AfterAll
  static void deleteNamespace() {
    namespace.close();
  }

  @Test
  void servesTheFiveGeneratedCrdsOnceEstablished() {
    assertThat(KritisCrds.NAMES).allMatch(name -> KritisCrds.established(cluster.admin(), name));

    Kubectl.Result resources =
        kubectl.run("api-resources", "--api-group=kritis.grafeas.io", "-o", "name");

    assertThat(resources.stdout().lines().sorted())
        .containsExactly(
            "attestationauthorities.kritis.grafeas.io",
            "clusterimagesecuritypolicies.kritis.grafeas.io",
            "genericattestationpolicies.kritis.grafeas.io",
            "imagesecuritypolicies.kritis.grafeas.io",
            "kritisconfigs.kritis.grafeas.io");
  }

  @Test
  void appliesKritisManifestsOfTheThreeKinds() {
    assertThat(kubectl.apply(namespace.name(), key.authorityManifest()).stdout())
        .isEqualTo("attestationauthority.kritis.grafeas.io/qa-attestor created\n");
    assertThat(apply("manifests/image-security-policy.yaml").stdout())
        .isEqualTo("imagesecuritypolicy.kritis.grafeas.io/qa-only created\n");
    assertThat(apply("manifests/image-security-policy-old-spellings.yaml").stdout())
        .isEqualTo("imagesecuritypolicy.kritis.grafeas.io/legacy created\n");
    assertThat(apply("manifests/generic-attestation-policy.yaml").stdout())
        .isEqualTo("genericattestationpolicy.kritis.grafeas.io/qa-generic created\n");

    assertThat(jsonPath("aa/qa-attestor", "{.spec.publicKeys[0].keyId}"))
        .isEqualTo(key.fingerprint());
    assertThat(jsonPath("isp/legacy", "{.spec.packageVulnerabilityRequirements.whitelistCVEs[0]}"))
        .isEqualTo("providers/goog-vulnz/notes/CVE-2017-1000082");
    assertThat(jsonPath("gap/qa-generic", "{.spec.admissionWhitelistPatterns[0].namePattern}"))
        .isEqualTo("gcr.io/google-containers/*");
  }

  @Test
  void apiServerFillsInTheSchemaDefaults() {
    String policy =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: defaults
        spec:
          attestationAuthorityName: qa-attestor
        """;
    assertThat(kubectl.apply(namespace.name(), policy).succeeded()).isTrue();

    assertThat(
            jsonPath(
                "isp/defaults",
                "{.spec.enforcementMode} {.spec.breakglass} {.spec.onBackendUnavailable}"))
        .isEqualTo("Enforce Allow Deny");
  }

  @Test
  void rejectsAnUnknownEnforcementModeWithTheApiServersMessage() {
    String policy =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: audit-mode
        spec:
          attestationAuthorityName: qa-attestor
          enforcementMode: Audit
        """;

    Kubectl.Result result = kubectl.apply(namespace.name(), policy, "--validate=false");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "The ImageSecurityPolicy \"audit-mode\" is invalid: spec.enforcementMode: Unsupported"
                + " value: \"Audit\": supported values: \"DryRun\", \"Enforce\"\n");
  }

  @Test
  void rejectsAGenericPolicyWithoutAuthorityNames() {
    String policy =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: GenericAttestationPolicy
        metadata:
          name: no-authorities
        spec:
          admissionAllowlistPatterns:
          - namePattern: gcr.io/kritis-int-test/**
        """;

    Kubectl.Result result = kubectl.apply(namespace.name(), policy, "--validate=false");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "The GenericAttestationPolicy \"no-authorities\" is invalid:"
                + " spec.attestationAuthorityNames: Required value\n");
  }

  @Test
  void rejectsANoteReferenceThatIsNoGrafeasNoteName() {
    String authority =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: bad-note
        spec:
          noteReference: image-signing/qa
        """;

    Kubectl.Result result = kubectl.apply(namespace.name(), authority, "--validate=false");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "The AttestationAuthority \"bad-note\" is invalid: spec.noteReference: Invalid value:"
                + " \"image-signing/qa\": spec.noteReference in body should match"
                + " '^(v1beta1/|v1/)?projects/[^/]+/notes/[^/]+$'\n");
  }

  private static Kubectl.Result apply(String resource) {
    return kubectl.apply(namespace.name(), Manifests.read(resource));
  }

  private static String jsonPath(String resource, String path) {
    Kubectl.Result result =
        kubectl.run("get", "-n", namespace.name(), resource, "-o", "jsonpath=" + path);
    assertThat(result.stderr()).isEmpty();
    return result.stdout();
  }
}
