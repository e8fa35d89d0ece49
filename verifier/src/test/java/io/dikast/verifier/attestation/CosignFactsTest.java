package io.dikast.verifier.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.RegistryAccess;
import io.dikast.verifier.registry.UnreadableSignaturesException;
import io.grpc.Deadline;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CosignFactsTest {

  private static final ImageReference IMAGE =
      ImageReference.parse("registry.example.com/team/payment@sha256:" + "ab".repeat(32));
  private static final CosignLookup LOOKUP =
      new CosignLookup(IMAGE, Optional.empty(), RegistryAccess.ANONYMOUS);

  @Test
  void anUnreadableSignatureManifestIsAnAnswerNotAnOutage() {
    AttestationFact fact =
        CosignFacts.find(
            (lookup, deadline) -> {
              throw new UnreadableSignaturesException("the tag holds an image index");
            },
            LOOKUP,
            List.of(),
            deadline());

    assertThat(fact)
        .isEqualTo(
            new AttestationFact.NotVerified(
                "cosign signatures at registry.example.com/team/payment:sha256-"
                    + "ab".repeat(32)
                    + ".sig are unreadable: the tag holds an image index"));
  }

  @Test
  void anUnreachableRegistryIsAnOutageNamingIt() {
    AttestationFact fact =
        CosignFacts.find(
            (lookup, deadline) -> {
              throw new BackendUnavailableException("registry registry.example.com is unreachable");
            },
            LOOKUP,
            List.of(),
            deadline());

    assertThat(fact)
        .isEqualTo(new AttestationFact.Unavailable("registry registry.example.com is unreachable"));
  }

  private static Deadline deadline() {
    return Deadline.after(5, TimeUnit.SECONDS);
  }
}
