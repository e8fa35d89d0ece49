package io.dikast.crds.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KritisManifestsTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void readsKritisAttestationAuthorityWithBase64ArmoredPgpKey(@TempDir Path gnupgHome)
      throws Exception {
    Files.setPosixFilePermissions(
        gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    GpgKey key = GpgKey.generate(gnupgHome, "QA <qa@example.com>");
    String base64 =
        Base64.getEncoder().encodeToString(key.armored().getBytes(StandardCharsets.UTF_8));
    String yaml =
        fixture("attestation-authority.yaml")
            .replace("${FINGERPRINT}", key.fingerprint())
            .replace("${BASE64_ARMORED_KEY}", base64);

    AttestationAuthority authority = serialization.unmarshal(yaml, AttestationAuthority.class);

    AttestationAuthoritySpec spec = authority.getSpec();
    assertThat(authority.getMetadata().getNamespace()).isEqualTo("payments");
    assertThat(spec.getNoteReference()).isEqualTo("projects/image-signing/notes/qa");
    assertThat(spec.getPrivateKeySecretName()).isEqualTo("qa-signer");
    assertThat(spec.getPublicKeys()).hasSize(1);
    PublicKey publicKey = spec.getPublicKeys().get(0);
    assertThat(publicKey.getKeyType()).isEqualTo(KeyType.PGP);
    assertThat(publicKey.getKeyId()).isEqualTo(key.fingerprint()).hasSize(40);
    assertThat(new String(Base64.getDecoder().decode(publicKey.getAsciiArmoredPgpPublicKey())))
        .isEqualTo(key.armored())
        .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
  }

  @Test
  void readsKritisImageSecurityPolicy() throws IOException {
    ImageSecurityPolicy policy =
        serialization.unmarshal(fixture("image-security-policy.yaml"), ImageSecurityPolicy.class);

    ImageSecurityPolicySpec spec = policy.getSpec();
    assertThat(spec.getImageAllowlist())
        .containsExactly("gcr.io/kritis-int-test/nginx-digest-allowlist:latest");
    assertThat(spec.getAttestationAuthorityName()).isEqualTo("qa-attestor");
    assertThat(spec.requiredAuthorityNames()).containsExactly("qa-attestor");
    PackageVulnerabilityRequirements vulnerabilities = spec.getPackageVulnerabilityRequirements();
    assertThat(vulnerabilities.getMaximumSeverity()).isEqualTo(Severity.HIGH);
    assertThat(vulnerabilities.getMaximumFixUnavailableSeverity()).isEqualTo(Severity.MEDIUM);
    assertThat(vulnerabilities.getAllowlistCVEs())
        .containsExactly(
            "providers/goog-vulnz/notes/CVE-2017-1000082",
            "providers/goog-vulnz/notes/CVE-2017-1000081");
    assertThat(spec.getEnforcementMode()).isNull();
  }

  @Test
  void foldsOlderKritisSpellingsIntoCurrentNames() throws IOException {
    ImageSecurityPolicySpec spec =
        serialization
            .unmarshal(
                fixture("image-security-policy-old-spellings.yaml"), ImageSecurityPolicy.class)
            .getSpec();

    assertThat(spec.getImageAllowlist())
        .containsExactly(
            "gcr.io/kritis-int-test/nginx:latest",
            "gcr.io/kritis-int-test/nginx-digest-whitelist:latest");
    PackageVulnerabilityRequirements vulnerabilities = spec.getPackageVulnerabilityRequirements();
    assertThat(vulnerabilities.getMaximumFixUnavailableSeverity()).isEqualTo(Severity.LOW);
    assertThat(vulnerabilities.getAllowlistCVEs())
        .containsExactly("providers/goog-vulnz/notes/CVE-2017-1000082");
  }

  @Test
  void oldSpellingsSurviveASerializationRoundTripWithoutDuplicates() throws IOException {
    ImageSecurityPolicy policy =
        serialization.unmarshal(
            fixture("image-security-policy-old-spellings.yaml"), ImageSecurityPolicy.class);

    ImageSecurityPolicy copy =
        serialization.unmarshal(serialization.asJson(policy), ImageSecurityPolicy.class);

    assertThat(copy.getSpec().getImageAllowlist()).isEqualTo(policy.getSpec().getImageAllowlist());
    assertThat(serialization.asJson(copy)).contains("\"builtProjectIDs\":[\"kritis-int-test\"]");
  }

  @Test
  void readsKritisGenericAttestationPolicyWithBothPatternSpellings() throws IOException {
    GenericAttestationPolicySpec spec =
        serialization
            .unmarshal(fixture("generic-attestation-policy.yaml"), GenericAttestationPolicy.class)
            .getSpec();

    assertThat(spec.requiredAuthorityNames()).containsExactly("qa-attestor", "security-attestor");
    assertThat(spec.getAdmissionAllowlistPatterns())
        .extracting(AdmissionAllowlistPattern::getNamePattern)
        .isEqualTo(List.of("gcr.io/kritis-int-test/**", "gcr.io/google-containers/*"));
  }

  @Test
  void readsKritisConfigWithItsGrafeasConnection() throws IOException {
    KritisConfig config =
        serialization.unmarshal(fixture("kritis-config.yaml"), KritisConfig.class);

    KritisConfigSpec spec = config.getSpec();
    assertThat(config.getMetadata().getName()).isEqualTo("kritis-config");
    assertThat(config.getMetadata().getNamespace()).isNull();
    assertThat(spec.getMetadataBackend()).isEqualTo("grafeas");
    assertThat(spec.getCronInterval()).isEqualTo("1h");
    assertThat(spec.getServerAddr()).isEqualTo(":443");
    assertThat(spec.getGrafeas().getAddr()).isEqualTo("kritis-grafeas-server:443");
    assertThat(spec.getGrafeas().getCaPath()).isEqualTo("/certs/ca.crt");
    assertThat(spec.getGrafeas().getClientKeyPath()).isEqualTo("/certs/kritis.key");
    assertThat(spec.getGrafeas().getClientCertPath()).isEqualTo("/certs/kritis.crt");
    assertThat(spec.getImageWhitelist())
        .containsExactly("gcr.io/kritis-project/kritis-server:latest");
  }

  @Test
  void kritisConfigStatusComparesByValueForPatchOnlyWhenChanged() {
    KritisConfigStatus status = new KritisConfigStatus();
    status.setValidationInterval("1h");
    status.setSupersededFields(List.of("grafeas.addr", "metadataBackend"));
    KritisConfigStatus same =
        serialization.unmarshal(serialization.asJson(status), KritisConfigStatus.class);
    KritisConfigStatus other =
        serialization.unmarshal(serialization.asJson(status), KritisConfigStatus.class);
    other.setValidationInterval("30m");

    assertThat(same).isEqualTo(status).hasSameHashCodeAs(status);
    assertThat(other).isNotEqualTo(status);
  }

  @Test
  void readsDikastEnumsInTheirManifestSpelling() {
    String yaml =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: GenericAttestationPolicy
        metadata: {name: p, namespace: n}
        spec:
          attestationAuthorityNames: [qa]
          enforcementMode: DryRun
          breakglass: Deny
          onBackendUnavailable: Allow
        """;

    GenericAttestationPolicySpec spec =
        serialization.unmarshal(yaml, GenericAttestationPolicy.class).getSpec();

    assertThat(spec.getEnforcementMode()).isEqualTo(EnforcementMode.DRY_RUN);
    assertThat(spec.getBreakglass()).isEqualTo(BreakglassMode.DENY);
    assertThat(spec.getOnBackendUnavailable()).isEqualTo(BackendUnavailableMode.ALLOW);
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = KritisManifestsTest.class.getResourceAsStream("/kritis/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
