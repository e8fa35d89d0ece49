package io.dikast.operator.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandalonePolicySetTest {

  @TempDir Path policies;

  private final PolicySetView view = new PolicySetView("dikast");

  @Test
  void publishesEveryPolicyAndAuthorityOfTheDirectoryAndMarksTheViewLoaded() throws IOException {
    String publicKey;
    try (OpenSsl openssl = OpenSsl.start()) {
      publicKey = openssl.ecKey("prime256v1").publicKeyPem();
    }
    write("authority.yaml", authority("qa", publicKey));
    write(
        "policies.yml",
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: qa-only
          namespace: payments
        spec:
          attestationAuthorityName: qa
        ---
        apiVersion: kritis.grafeas.io/v1beta1
        kind: GenericAttestationPolicy
        metadata:
          name: signed
        spec:
          attestationAuthorityNames: [qa]
          admissionAllowlistPatterns:
            - namePattern: registry.k8s.io/**
        """);
    write(
        "pod.yaml",
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: payment
        spec:
          containers: [{name: payment, image: gcr.io/x/payment@sha256:00}]
        """);

    StandalonePolicySet.publish(PolicyDirectory.read(policies), view);

    assertThat(view.isLoaded()).isTrue();
    ResolvedAuthority qa = view.snapshot("payments").authorities().get("qa");
    assertThat(qa.noteName()).isEqualTo("projects/image-signing/notes/qa");
    assertThat(qa.keys()).hasSize(1);
    assertThat(qa.ready()).isTrue();
    assertThat(view.snapshot("payments").policies())
        .extracting(Policy::kind, Policy::name, Policy::authorityNames)
        .containsExactly(tuple(PolicyKind.IMAGE_SECURITY_POLICY, "qa-only", List.of("qa")));
    assertThat(view.snapshot("default").policies())
        .singleElement()
        .satisfies(
            policy -> {
              assertThat(policy.kind()).isEqualTo(PolicyKind.GENERIC_ATTESTATION_POLICY);
              assertThat(policy.allowlistPatterns()).containsExactly("registry.k8s.io/**");
            });
  }

  @Test
  void refusesAnAuthorityWhoseKeysLiveInAConfigMap() throws IOException {
    write(
        "authority.yaml",
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: qa
          namespace: payments
        spec:
          noteReference: projects/image-signing/notes/qa
          publicKeysFrom:
            - configMapName: qa-keys
              keyType: PGP
        """);

    assertThatThrownBy(() -> StandalonePolicySet.publish(PolicyDirectory.read(policies), view))
        .isInstanceOf(StandaloneConfigurationException.class)
        .hasMessage(
            "AttestationAuthority payments/qa reads its keys from a ConfigMap or Secret"
                + " (publicKeysFrom), which standalone mode cannot read without an API server:"
                + " put the keys inline under publicKeys");
    assertThat(view.isLoaded()).isFalse();
  }

  @Test
  void refusesAClusterPolicyRatherThanIgnoringIt() throws IOException {
    write(
        "baseline.yaml",
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ClusterImageSecurityPolicy
        metadata:
          name: baseline
        spec:
          attestationAuthorityName: qa
        """);

    assertThatThrownBy(() -> PolicyDirectory.read(policies))
        .isInstanceOf(StandaloneConfigurationException.class)
        .hasMessage(
            policies.resolve("baseline.yaml")
                + ": ClusterImageSecurityPolicy baseline needs the cluster's namespaces, which"
                + " standalone mode does not see: write an ImageSecurityPolicy per namespace");
  }

  @Test
  void namesTheFileItCannotParse() throws IOException {
    write("broken.yaml", "kind: [unclosed\n");

    assertThatThrownBy(() -> PolicyDirectory.read(policies))
        .isInstanceOf(StandaloneConfigurationException.class)
        .hasMessageStartingWith("cannot read the manifests in " + policies.resolve("broken.yaml"));
  }

  @Test
  void refusesAPolicyPathThatIsNotADirectory() {
    Path missing = policies.resolve("missing");

    assertThatThrownBy(() -> PolicyDirectory.read(missing))
        .isInstanceOf(StandaloneConfigurationException.class)
        .hasMessage("dikast.standalone.policies: " + missing + " is not a directory");
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(policies.resolve(name), text);
  }

  private static String authority(String name, String publicKeyPem) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: kritis.grafeas.io/v1beta1
            kind: AttestationAuthority
            metadata:
              name: %s
              namespace: payments
            spec:
              noteReference: projects/image-signing/notes/%s
              publicKeys:
                - keyType: PKIX
                  pkixPublicKey:
                    signatureAlgorithm: ECDSA_P256_SHA256
                    publicKeyPem: |
            """
                .formatted(name, name));
    publicKeyPem.lines().forEach(line -> yaml.append("          ").append(line).append('\n'));
    return yaml.toString();
  }
}
