package io.dikast.cli.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.KeyType;
import io.dikast.crds.v1beta1.PublicKey;
import io.dikast.crds.v1beta1.SignatureAlgorithm;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.OpenSsl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityCommandTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @TempDir Path dir;

  @Test
  void printsAPgpAuthorityWhoseKeyIdIsTheEnginesFingerprint() throws Exception {
    String armored;
    String fingerprint;
    try (Gpg gpg = Gpg.start()) {
      fingerprint = gpg.generateKey("QA <qa@example.com>", "ed25519", "sign");
      armored = gpg.exportPublicKey(fingerprint);
    }
    Path keyFile = Files.writeString(dir.resolve("qa.asc"), armored);

    Run run =
        Dikast.run(
            "authority",
            "--name",
            "qa",
            "--note",
            "projects/image-signing/notes/qa",
            "--namespace",
            "payments",
            "--pgp-public-key",
            keyFile.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    AttestationAuthority authority = SERIALIZATION.unmarshal(run.out(), AttestationAuthority.class);
    assertThat(authority.getApiVersion()).isEqualTo("kritis.grafeas.io/v1beta1");
    assertThat(authority.getKind()).isEqualTo("AttestationAuthority");
    assertThat(authority.getMetadata().getName()).isEqualTo("qa");
    assertThat(authority.getMetadata().getNamespace()).isEqualTo("payments");
    assertThat(authority.getSpec().getNoteReference()).isEqualTo("projects/image-signing/notes/qa");
    assertThat(authority.getSpec().getPublicKeys()).hasSize(1);
    PublicKey key = authority.getSpec().getPublicKeys().get(0);
    assertThat(key.getKeyType()).isEqualTo(KeyType.PGP);
    assertThat(key.getAsciiArmoredPgpPublicKey()).isEqualTo(armored);
    assertThat(key.getKeyId())
        .isEqualTo(fingerprint)
        .isEqualTo(KeyParser.parsePgp(null, armored).keyId());
  }

  @Test
  void printsAPkixAuthorityAsJsonWithTheEnginesNiKeyId() throws Exception {
    String pem;
    try (OpenSsl openSsl = OpenSsl.start()) {
      pem = openSsl.ecKey("P-256").publicKeyPem();
    }
    Path keyFile = Files.writeString(dir.resolve("qa.pub"), pem);

    Run run =
        Dikast.run(
            "authority",
            "--name",
            "qa",
            "--note",
            "projects/image-signing/notes/qa",
            "--pkix-public-key",
            keyFile.toString(),
            "--algorithm",
            "ECDSA_P256_SHA256",
            "--output",
            "json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("{");
    AttestationAuthority authority = SERIALIZATION.unmarshal(run.out(), AttestationAuthority.class);
    assertThat(authority.getMetadata().getNamespace()).isNull();
    PublicKey key = authority.getSpec().getPublicKeys().get(0);
    assertThat(key.getKeyType()).isEqualTo(KeyType.PKIX);
    assertThat(key.getPkixPublicKey().getPublicKeyPem()).isEqualTo(pem);
    assertThat(key.getPkixPublicKey().getSignatureAlgorithm())
        .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(key.getKeyId())
        .startsWith("ni:///sha-256;")
        .isEqualTo(KeyParser.parsePkix(null, pem, "ECDSA_P256_SHA256").keyId());
  }

  @Test
  void refusesAKeyThatIsNotAPublicKey() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("qa.pub"), "not a key\n");

    Run run =
        Dikast.run(
            "authority",
            "--name",
            "qa",
            "--note",
            "projects/image-signing/notes/qa",
            "--pkix-public-key",
            keyFile.toString(),
            "--algorithm",
            "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: public key file "
                + keyFile
                + ": the PKIX public key holds no PEM block; give a PEM \"PUBLIC KEY\" block, as"
                + " openssl pkey -pubout writes it\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void asksForTheAlgorithmOfAPkixKey() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("qa.pub"), "unused");

    Run run =
        Dikast.run(
            "authority",
            "--name",
            "qa",
            "--note",
            "projects/image-signing/notes/qa",
            "--pkix-public-key",
            keyFile.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: --pkix-public-key needs --algorithm, e.g. ECDSA_P256_SHA256\n");
  }

  @Test
  void takesExactlyOneKey() {
    Run run =
        Dikast.run(
            "authority",
            "--name",
            "qa",
            "--note",
            "projects/image-signing/notes/qa",
            "--pgp-public-key",
            "a.asc",
            "--pkix-public-key",
            "b.pem");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: Error: --pgp-public-key=FILE, --pkix-public-key=FILE are mutually exclusive"
                + " (specify only one) (see 'dikast authority --help')\n");
  }

  @Test
  void printsACosignAuthorityWithoutANote() throws Exception {
    String pem;
    try (OpenSsl openSsl = OpenSsl.start()) {
      pem = openSsl.ecKey("P-256").publicKeyPem();
    }
    Path keyFile = Files.writeString(dir.resolve("release.pub"), pem);

    Run run =
        Dikast.run(
            "authority",
            "--name",
            "release",
            "--cosign",
            "--cosign-plain-http",
            "--pkix-public-key",
            keyFile.toString(),
            "--algorithm",
            "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).as(run.err()).isZero();
    AttestationAuthority authority = SERIALIZATION.unmarshal(run.out(), AttestationAuthority.class);
    assertThat(authority.getSpec().getNoteReference()).isNull();
    assertThat(authority.getSpec().getCosign().getPlainHttp()).isTrue();
    assertThat(authority.getSpec().getCosign().getRepository()).isNull();
    assertThat(run.out()).contains("  cosign:\n    plainHttp: true\n");
    assertThat(authority.getSpec().getPublicKeys().get(0).getPkixPublicKey().getPublicKeyPem())
        .isEqualTo(pem);
  }

  @Test
  void keepsTheNoteAndTheCosignRepositoryTogether() throws Exception {
    String pem;
    try (OpenSsl openSsl = OpenSsl.start()) {
      pem = openSsl.ecKey("P-256").publicKeyPem();
    }
    Path keyFile = Files.writeString(dir.resolve("release.pub"), pem);

    Run run =
        Dikast.run(
            "authority",
            "--name",
            "release",
            "--note",
            "projects/image-signing/notes/release",
            "--cosign-repository",
            "registry.example.com/signatures",
            "--cosign-credentials-secret",
            "registry-login",
            "--pkix-public-key",
            keyFile.toString(),
            "--algorithm",
            "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).as(run.err()).isZero();
    AttestationAuthority authority = SERIALIZATION.unmarshal(run.out(), AttestationAuthority.class);
    assertThat(authority.getSpec().getNoteReference())
        .isEqualTo("projects/image-signing/notes/release");
    assertThat(authority.getSpec().getCosign().getRepository())
        .isEqualTo("registry.example.com/signatures");
    assertThat(authority.getSpec().getCosign().getCredentialsSecretName())
        .isEqualTo("registry-login");
    assertThat(authority.getSpec().getCosign().getPlainHttp()).isNull();
  }

  @Test
  void asksForANoteOrCosign() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("any.pub"), "unread");

    Run run =
        Dikast.run(
            "authority",
            "--name",
            "qa",
            "--pkix-public-key",
            keyFile.toString(),
            "--algorithm",
            "ECDSA_P256_SHA256");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: missing --note projects/P/notes/N (needed unless --cosign)\n");
  }

  @Test
  void refusesCosignWithAPgpKey() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("qa.asc"), "unread");

    Run run =
        Dikast.run("authority", "--name", "qa", "--cosign", "--pgp-public-key", keyFile.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: --cosign needs --pkix-public-key: cosign signatures are checked with PKIX"
                + " keys only\n");
  }
}
