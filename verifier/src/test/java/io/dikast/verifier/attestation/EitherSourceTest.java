package io.dikast.verifier.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.policy.AttestationFact;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EitherSourceTest {

  private static final AttestationFact VERIFIED = new AttestationFact.Verified("qa");
  private static final AttestationFact NONE_IN_GRAFEAS =
      new AttestationFact.NotVerified("no attestation occurrence for this digest");
  private static final AttestationFact UNSIGNED = new AttestationFact.NotVerified("no cosign");
  private static final AttestationFact GRAFEAS_DOWN =
      new AttestationFact.Unavailable("grafeas down");
  private static final AttestationFact REGISTRY_DOWN =
      new AttestationFact.Unavailable("registry down");

  @Test
  void aSignatureInEitherPlaceVerifiesEvenWhenTheOtherIsDown() {
    assertThat(EitherSource.combine(VERIFIED, REGISTRY_DOWN)).isEqualTo(VERIFIED);
    assertThat(EitherSource.combine(GRAFEAS_DOWN, VERIFIED)).isEqualTo(VERIFIED);
    assertThat(EitherSource.combine(NONE_IN_GRAFEAS, VERIFIED)).isEqualTo(VERIFIED);
  }

  @Test
  void anOutageIsTheAnswerWhenNeitherVerifies() {
    assertThat(EitherSource.combine(NONE_IN_GRAFEAS, REGISTRY_DOWN))
        .isEqualTo(
            new AttestationFact.Unavailable(
                "no attestation occurrence for this digest; registry down"));
    assertThat(EitherSource.combine(GRAFEAS_DOWN, UNSIGNED))
        .isEqualTo(new AttestationFact.Unavailable("grafeas down; no cosign"));
  }

  @Test
  void bothReasonsAreGivenWhenNeitherHasASignature() {
    assertThat(EitherSource.combine(NONE_IN_GRAFEAS, UNSIGNED))
        .isEqualTo(
            new AttestationFact.NotVerified(
                "no attestation occurrence for this digest; no cosign"));
  }

  @Test
  void aSingleSourceAnswersAloneAndNoSourceVerifiesNothing() {
    assertThat(EitherSource.of(Optional.of(UNSIGNED), Optional.empty(), "qa")).isEqualTo(UNSIGNED);
    assertThat(EitherSource.of(Optional.empty(), Optional.of(VERIFIED), "qa")).isEqualTo(VERIFIED);
    assertThat(EitherSource.of(Optional.empty(), Optional.empty(), "qa"))
        .isEqualTo(
            new AttestationFact.NotVerified(
                "authority qa names no noteReference and no cosign source"));
  }
}
