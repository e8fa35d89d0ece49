package io.dikast.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.AttestationAuthoritySpec;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.operator.policyset.AuthorityKeyResolver;
import io.dikast.operator.policyset.KeySourceLookup;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignatureSourceCheckTest {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static OpenSsl openssl;
  private static Gpg gpg;
  private static String pkixKeys;
  private static String pgpKeys;

  @BeforeAll
  static void makeKeys() {
    openssl = OpenSsl.start();
    gpg = Gpg.start();
    pkixKeys =
        """
        publicKeys:
        - keyType: PKIX
          keyId: ci
          pkixPublicKey:
            signatureAlgorithm: ECDSA_P256_SHA256
            publicKeyPem: |
        %s"""
            .formatted(openssl.ecKey("P-256").publicKeyPem().indent(6));
    String fingerprint = gpg.generateKey("QA <qa@example.com>");
    pgpKeys =
        """
        publicKeys:
        - keyType: PGP
          keyId: %s
          asciiArmoredPgpPublicKey: %s
        """
            .formatted(fingerprint, YAML.asJson(gpg.exportPublicKey(fingerprint)));
  }

  @AfterAll
  static void dropKeys() {
    openssl.close();
    gpg.close();
  }

  @Test
  void anAuthorityWithNeitherANoteNorCosignHasNoSignatureSource() {
    assertThat(check(pkixKeys))
        .contains(
            new SignatureSourceCheck.Problem(
                "NoSignatureSource", "the authority names neither noteReference nor cosign"));
  }

  @Test
  void cosignWithOnlyPgpKeysCanVerifyNothingThere() {
    assertThat(check("cosign: {}\n" + pgpKeys))
        .map(SignatureSourceCheck.Problem::reason)
        .contains("CosignNeedsPkixKey");
  }

  @Test
  void aCaBundleThatIsNotPemIsReported() {
    assertThat(check("cosign:\n  caBundle: not a certificate\n" + pkixKeys))
        .map(SignatureSourceCheck.Problem::reason)
        .contains("InvalidCaBundle");
  }

  @Test
  void cosignWithAPkixKeyOrANoteAloneIsUsable() {
    assertThat(check("cosign: {}\n" + pkixKeys)).isEmpty();
    assertThat(check("noteReference: projects/p/notes/n\n" + pgpKeys)).isEmpty();
  }

  private static Optional<SignatureSourceCheck.Problem> check(String spec) {
    AttestationAuthoritySpec parsed =
        YAML.unmarshal(
                "apiVersion: kritis.grafeas.io/v1beta1\nkind: AttestationAuthority\n"
                    + "metadata: {name: qa, namespace: payments}\nspec:\n"
                    + spec.indent(2),
                AttestationAuthority.class)
            .getSpec();
    return SignatureSourceCheck.of(
        parsed, AuthorityKeyResolver.resolve(parsed, KeySourceLookup.NONE));
  }
}
