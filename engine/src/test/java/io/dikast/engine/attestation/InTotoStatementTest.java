package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.engine.image.ImageReference;
import org.junit.jupiter.api.Test;

class InTotoStatementTest {

  private static final String HEX =
      "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final ImageReference PAYMENT =
      ImageReference.parse("gcr.io/hightowerlabs/payment@sha256:" + HEX);

  @Test
  void theStatementDikastSignsIsAboutTheImageAndNothingElse() throws Exception {
    byte[] statement = InTotoStatement.about(PAYMENT, InTotoStatement.APPROVAL_PREDICATE);

    assertThat(new String(statement, UTF_8))
        .isEqualTo(
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":"
                + "\"gcr.io/hightowerlabs/payment\",\"digest\":{\"sha256\":\""
                + HEX
                + "\"}}],\"predicateType\":\"https://dikast.io/attestations/approval/v1\","
                + "\"predicate\":{}}");
    assertThatCode(() -> InTotoStatement.requireSubject(PAYMENT, statement))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                InTotoStatement.requireSubject(
                    ImageReference.parse("gcr.io/hightowerlabs/other@sha256:" + HEX), statement))
        .isInstanceOf(Rejection.class);
  }

  @Test
  void acceptsTheOlderStatementTypeAndASubjectNamedWithItsDigest() {
    assertThatCode(
            () ->
                InTotoStatement.requireSubject(
                    PAYMENT,
                    statement(
                        "https://in-toto.io/Statement/v0.1",
                        "gcr.io/hightowerlabs/payment@sha256:" + HEX)))
        .doesNotThrowAnyException();
  }

  @Test
  void aSubjectNameWhoseOwnDigestIsAnotherIsNotThisImage() {
    assertThatThrownBy(
            () ->
                InTotoStatement.requireSubject(
                    PAYMENT,
                    statement(
                        "https://in-toto.io/Statement/v1",
                        "gcr.io/hightowerlabs/payment@sha256:" + "0".repeat(64))))
        .isInstanceOf(Rejection.class)
        .hasMessageContaining("has no subject gcr.io/hightowerlabs/payment");
  }

  @Test
  void refusesWhatIsNotAStatement() {
    assertThatThrownBy(
            () ->
                InTotoStatement.requireSubject(
                    PAYMENT,
                    statement("https://example.com/Other", "gcr.io/hightowerlabs/payment")))
        .hasMessage("statement _type is \"https://example.com/Other\", not an in-toto Statement");
    assertThatThrownBy(
            () ->
                InTotoStatement.requireSubject(
                    PAYMENT,
                    ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"_type\":\"x\"}")
                        .getBytes(UTF_8)))
        .hasMessageStartingWith("statement is not strict JSON");
    assertThatThrownBy(
            () ->
                InTotoStatement.requireSubject(
                    PAYMENT,
                    ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]}")
                        .getBytes(UTF_8)))
        .hasMessage("statement has no predicateType");
  }

  private static byte[] statement(String type, String name) {
    return ("{\"_type\":\""
            + type
            + "\",\"subject\":[{\"name\":\""
            + name
            + "\",\"digest\":{\"sha256\":\""
            + HEX
            + "\"}}],\"predicateType\":\"https://example.com/p\",\"predicate\":{}}")
        .getBytes(UTF_8);
  }
}
