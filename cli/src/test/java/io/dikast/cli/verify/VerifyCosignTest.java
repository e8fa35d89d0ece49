package io.dikast.cli.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.cli.testing.ClosedPort;
import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.verifier.testing.CosignImages;
import io.dikast.verifier.testing.LocalRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dikast verify} with an authority whose signatures are cosign's in a real registry, signed
 * by {@code dikast sign --cosign}; no Grafeas is needed, so its address is a closed port.
 */
class VerifyCosignTest {

  private static final String USER = "alice";
  private static final String PASSWORD = "s3cret-Pa55";

  private static LocalRegistry open;
  private static LocalRegistry withPassword;
  private static OpenSsl openSsl;
  private static OpenSsl.Key key;
  private static Path policies;
  private static Path loginFile;
  private static int images;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    open = LocalRegistry.open();
    withPassword = LocalRegistry.withPassword(USER, PASSWORD);
    openSsl = OpenSsl.start();
    key = openSsl.ecKey("P-256");
    policies = Files.createDirectory(dir.resolve("policies"));
    Files.writeString(policies.resolve("policy.yaml"), POLICY);
    Files.writeString(policies.resolve("authority.yaml"), authority(key));
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(UTF_8));
    loginFile =
        Files.writeString(
            dir.resolve("config.json"),
            "{\"auths\":{\"" + withPassword.host() + "\":{\"auth\":\"" + auth + "\"}}}");
  }

  @AfterAll
  static void stop() {
    openSsl.close();
    withPassword.close();
    open.close();
  }

  @Test
  void admitsAPodSignedWithDikastSignCosign() throws IOException {
    String image = image(open);
    assertSigned(sign(image));

    Run run = verify(pod(image));

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).isEqualTo("Pod payments/payment: admitted\n");
  }

  @Test
  void deniesAnUnsignedPodSayingNoSignatureIsThere() throws IOException {
    String image = image(open);

    Run run = verify(pod(image));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "Pod payments/payment: denied\n  image "
                + image
                + " denied by ImageSecurityPolicy payments/release-only: no valid attestation by"
                + " authority release (release: no cosign signature for "
                + image
                + " (no "
                + image.substring(0, image.indexOf('@'))
                + ":"
                + CosignImages.signatureTag(image.substring(image.indexOf('@') + 1))
                + "))\n");
  }

  @Test
  void readsAPasswordRegistryWithTheRegistryConfigsLogin() throws IOException {
    String signed = image(withPassword);
    assertSigned(sign(signed, "--registry-config", loginFile.toString()));
    String unsigned = image(withPassword);

    Run admitted = verify(pod(signed), "--registry-config", loginFile.toString());
    Run denied = verify(pod(unsigned), "--registry-config", loginFile.toString());

    assertThat(admitted.exitCode()).as(admitted.out() + admitted.err()).isZero();
    assertThat(admitted.out()).isEqualTo("Pod payments/payment: admitted\n");
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.out()).contains("no cosign signature for " + unsigned);
  }

  @Test
  void deniesWithTheRegistrysRefusalWithoutALogin() throws IOException {
    String signed = image(withPassword);
    assertSigned(sign(signed, "--registry-config", loginFile.toString()));
    Path empty = Files.writeString(dir.resolve("empty.json"), "{\"auths\":{}}");

    Run run = verify(pod(signed), "--registry-config", empty.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "registry " + withPassword.host() + " refused anonymous access; it needs credentials");
  }

  private static String image(LocalRegistry registry) {
    String path = "team/payment" + (++images);
    return registry.repository(path)
        + "@"
        + CosignImages.pushImage(registry, path, "payment " + images);
  }

  private static Run sign(String image, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sign",
                "--cosign",
                "--plain-http",
                "--image",
                image,
                "--key",
                key.privateKey().toString(),
                "--algorithm",
                "ECDSA_P256_SHA256"));
    args.addAll(List.of(more));
    return Dikast.run(args.toArray(String[]::new));
  }

  private static void assertSigned(Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private static Run verify(Path manifest, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "-f",
                manifest.toString(),
                "--policies",
                policies.toString(),
                "--grafeas",
                "localhost:" + ClosedPort.pick()));
    args.addAll(List.of(more));
    return Dikast.run(args.toArray(String[]::new));
  }

  private static Path pod(String image) throws IOException {
    return Files.writeString(
        Files.createTempFile(dir, "pod", ".yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: payment, namespace: payments}\n"
            + "spec:\n  containers:\n    - name: app\n      image: "
            + image
            + "\n");
  }

  private static final String POLICY =
      """
      apiVersion: kritis.grafeas.io/v1beta1
      kind: ImageSecurityPolicy
      metadata:
        name: release-only
        namespace: payments
      spec:
        attestationAuthorityNames: [release]
      """;

  private static String authority(OpenSsl.Key key) {
    return """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: release
          namespace: payments
        spec:
          cosign:
            plainHttp: true
          publicKeys:
            - keyType: PKIX
              keyId: release
              pkixPublicKey:
                signatureAlgorithm: ECDSA_P256_SHA256
                publicKeyPem: |
        %s"""
        .formatted(key.publicKeyPem().indent(10));
  }
}
