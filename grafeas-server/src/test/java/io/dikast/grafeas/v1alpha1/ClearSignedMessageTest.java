package io.dikast.grafeas.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.engine.testing.Gpg;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClearSignedMessageTest {

  private static final String DIGEST =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";

  private static Gpg gpg;
  private static String fingerprint;

  @BeforeAll
  static void generateKey() {
    gpg = Gpg.start();
    fingerprint = gpg.generateKey("qa_bob@example.com");
  }

  @AfterAll
  static void removeKey() {
    gpg.close();
  }

  /**
   * What {@code "$(cat signature.gpg)"} puts in the heredoc: the file without trailing newlines.
   */
  private static String clearsign(String text) {
    return gpg.clearSign(fingerprint, text).stripTrailing();
  }

  @Test
  void rebuildsNewlineStrippedMessageExactlySoItsSignatureVerifies() throws IOException {
    String signed = clearsign(DIGEST + "\n");

    ClearSignedMessage message =
        ClearSignedMessage.parse(signed.replace("\r", "").replace("\n", ""));

    assertThat(message.text()).isEqualTo(signed);
    assertThat(message.cleartext()).isEqualTo(DIGEST);
    assertThat(gpg.verifies(message.text().getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @Test
  void keepsMessageWithLineBreaksAndExtractsItsCleartext() throws IOException {
    String signed = clearsign("first line\nsecond line\n");

    ClearSignedMessage message = ClearSignedMessage.parse(signed);

    assertThat(message.text()).isEqualTo(signed);
    assertThat(message.cleartext()).isEqualTo("first line\nsecond line");
  }

  @Test
  void dashUnescapesTheCleartextOfBothForms() throws IOException {
    String signed = clearsign("-leading dash\n");

    ClearSignedMessage stripped = ClearSignedMessage.parse(signed.replace("\n", ""));

    assertThat(signed).contains("\n- -leading dash\n");
    assertThat(ClearSignedMessage.parse(signed).cleartext()).isEqualTo("-leading dash");
    assertThat(stripped.cleartext()).isEqualTo("-leading dash");
    assertThat(gpg.verifies(stripped.text().getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @Test
  void rejectsTextThatIsNoClearSignedMessage() {
    assertThatThrownBy(() -> ClearSignedMessage.parse("iQEzBAEBCAAdFiEE"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "attestation.pgpSignedAttestation.signature must be an OpenPGP clear-signed"
                          + " message");
            });
  }

  @Test
  void rejectsMessageWithoutSignatureBlock() {
    assertThatThrownBy(
            () -> ClearSignedMessage.parse(ClearSignedMessage.BEGIN_MESSAGE + "Hash: SHA256text"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getDescription())
                    .isEqualTo(
                        "attestation.pgpSignedAttestation.signature has no -----BEGIN PGP"
                            + " SIGNATURE----- ... -----END PGP SIGNATURE----- block"));
  }
}
