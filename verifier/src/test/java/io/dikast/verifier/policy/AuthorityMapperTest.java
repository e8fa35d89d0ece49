package io.dikast.verifier.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.verifier.decision.KnownAuthority;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorityMapperTest {

  @Test
  void keepsTheKeysThatParseAndReportsTheOthers() {
    List<String> failures = new ArrayList<>();
    String pem;
    try (OpenSsl openSsl = OpenSsl.start()) {
      pem = openSsl.ecKey("P-256").publicKeyPem();
    }

    KnownAuthority authority =
        AuthorityMapper.toAuthority(
            authority(
                "    - keyType: PKIX\n"
                    + "      pkixPublicKey:\n"
                    + "        signatureAlgorithm: ECDSA_P256_SHA256\n"
                    + "        publicKeyPem: |\n"
                    + pem.indent(10)
                    + "    - keyType: PKIX\n"),
            failures);

    assertThat(authority.name()).isEqualTo("qa");
    assertThat(authority.noteName()).isEqualTo("projects/image-signing/notes/qa");
    assertThat(authority.keys()).hasSize(1);
    assertThat(authority.ready()).isFalse();
    assertThat(failures).containsExactly("publicKeys[1]: pkixPublicKey is missing");
  }

  @Test
  void stripsTheApiVersionFromKritisNoteReferences() {
    assertThat(AuthorityMapper.normalizeNote(" v1beta1/projects/p/notes/n "))
        .isEqualTo("projects/p/notes/n");
    assertThat(AuthorityMapper.normalizeNote("v1/projects/p/notes/n"))
        .isEqualTo("projects/p/notes/n");
    assertThat(AuthorityMapper.normalizeNote(null)).isEmpty();
  }

  private static AttestationAuthority authority(String keys) {
    return new KubernetesSerialization()
        .unmarshal(
            "apiVersion: kritis.grafeas.io/v1beta1\n"
                + "kind: AttestationAuthority\n"
                + "metadata: {name: qa, namespace: payments}\n"
                + "spec:\n"
                + "  noteReference: v1beta1/projects/image-signing/notes/qa\n"
                + "  publicKeys:\n"
                + keys,
            AttestationAuthority.class);
  }
}
