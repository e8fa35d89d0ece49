package io.dikast.operator.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.testing.Gpg;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttestationFactFinderTest {

  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final ImageReference IMAGE =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
  private static final ImageReference OTHER_DIGEST =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:1111111111111111111111111111111111111111111111111111111111111111");

  private static Gpg gpg;
  private static String qaFingerprint;
  private static TrustedKey qaPgpKey;
  private static final JcaEcSigner QA_SIGNER = JcaEcSigner.generate();
  private static final JcaEcSigner OTHER_SIGNER = JcaEcSigner.generate();
  private static TrustedKey qaPkixKey;
  private static TrustedKey otherPkixKey;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void makeKeys() throws Exception {
    gpg = Gpg.start();
    qaFingerprint = gpg.generateKey("QA <qa_bob@example.com>");
    qaPgpKey = KeyParser.parsePgp(qaFingerprint, gpg.exportPublicKey(qaFingerprint));
    qaPkixKey = KeyParser.parsePkix("qa-ec", QA_SIGNER.publicKeyPem(), "ECDSA_P256_SHA256");
    otherPkixKey =
        KeyParser.parsePkix("other-ec", OTHER_SIGNER.publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @AfterAll
  static void stopGpg() {
    gpg.close();
  }

  @Test
  void verifiesTheArticlesClearSignedDigestText() {
    String signed = gpg.clearSign(qaFingerprint, IMAGE.pinned() + "\n");
    Occurrence occurrence = Occurrences.clearSigned(NOTE, IMAGE, signed, qaFingerprint);

    AttestationFact fact =
        finder(answering(occurrence)).find(NOTE, List.of(qaPgpKey), IMAGE, in5s());

    assertThat(fact).isEqualTo(new AttestationFact.Verified(qaFingerprint));
  }

  @Test
  void verifiesAnAtomicContainerSignatureByAPkixKey() {
    Occurrence occurrence = pkixAttestation(QA_SIGNER, "qa-ec", IMAGE);

    AttestationFact fact =
        finder(answering(occurrence)).find(NOTE, List.of(qaPkixKey), IMAGE, in5s());

    assertThat(fact).isEqualTo(new AttestationFact.Verified("qa-ec"));
  }

  @Test
  void reportsNoOccurrenceWhenTheNoteHasNoneForTheDigest() {
    AttestationFact fact = finder(answering()).find(NOTE, List.of(qaPkixKey), IMAGE, in5s());

    assertThat(fact)
        .isEqualTo(new AttestationFact.NotVerified("no attestation occurrence for this digest"));
  }

  @Test
  void refusesASignatureByTheKeyOfAnotherAuthority() {
    Occurrence occurrence = pkixAttestation(OTHER_SIGNER, "other-ec", IMAGE);

    AttestationFact fact =
        finder(answering(occurrence)).find(NOTE, List.of(qaPkixKey), IMAGE, in5s());

    assertThat(fact)
        .isEqualTo(
            new AttestationFact.NotVerified(
                "signature key other-ec is not a key of this authority"));
  }

  @Test
  void refusesASignatureOverAnotherDigest() {
    Occurrence occurrence = pkixAttestation(QA_SIGNER, "qa-ec", OTHER_DIGEST);

    AttestationFact fact =
        finder(answering(occurrence)).find(NOTE, List.of(qaPkixKey), IMAGE, in5s());

    assertThat(fact)
        .isEqualTo(
            new AttestationFact.NotVerified(
                "payload binds " + OTHER_DIGEST.pinned() + " not " + IMAGE.pinned()));
  }

  @Test
  void acceptsTheImageWhenAnyOccurrenceIsValid() {
    Occurrence foreign = pkixAttestation(OTHER_SIGNER, "other-ec", IMAGE);
    Occurrence valid = pkixAttestation(QA_SIGNER, "qa-ec", IMAGE);

    AttestationFact fact =
        finder(answering(foreign, valid)).find(NOTE, List.of(qaPkixKey), IMAGE, in5s());

    assertThat(fact).isEqualTo(new AttestationFact.Verified("qa-ec"));
  }

  @Test
  void listsAtMostThreeDistinctReasons() {
    List<Occurrence> foreign = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      foreign.add(pkixAttestation(OTHER_SIGNER, "other-" + i, IMAGE));
    }

    AttestationFact fact =
        finder(answering(foreign.toArray(Occurrence[]::new)))
            .find(NOTE, List.of(qaPkixKey, otherPkixKey), IMAGE, in5s());

    assertThat(fact)
        .isEqualTo(
            new AttestationFact.NotVerified(
                "signature key other-0 is not a key of this authority;"
                    + " signature key other-1 is not a key of this authority;"
                    + " signature key other-2 is not a key of this authority; and 2 more"));
  }

  @Test
  void aMissingNoteIsAnAnswerNotAnOutage() {
    AttestationSource missingNote =
        (note, image, deadline) -> {
          throw new NoteNotFoundException(note);
        };

    AttestationFact fact = finder(missingNote).find(NOTE, List.of(qaPkixKey), IMAGE, in5s());

    assertThat(fact)
        .isEqualTo(
            new AttestationFact.NotVerified(
                "note projects/image-signing/notes/qa does not exist in Grafeas"));
  }

  @Test
  void anOutageIsUnavailableWithItsMessage() {
    AttestationSource down =
        (note, image, deadline) -> {
          throw new BackendUnavailableException("Grafeas at localhost:1 is unavailable");
        };

    AttestationFact fact = finder(down).find(NOTE, List.of(qaPkixKey), IMAGE, in5s());

    assertThat(fact)
        .isEqualTo(new AttestationFact.Unavailable("Grafeas at localhost:1 is unavailable"));
  }

  @Test
  void timesEveryGrafeasRequest() {
    finder(answering()).find(NOTE, List.of(qaPkixKey), IMAGE, in5s());

    assertThat(registry.get("dikast.grafeas.request.duration").timer().count()).isEqualTo(1);
  }

  private AttestationFactFinder finder(AttestationSource source) {
    return new AttestationFactFinder(source, NoBuilds.SOURCE, new DikastMetrics(registry));
  }

  private static AttestationSource answering(Occurrence... occurrences) {
    return (note, image, deadline) -> List.of(occurrences);
  }

  private static Occurrence pkixAttestation(
      JcaEcSigner signer, String keyId, ImageReference image) {
    byte[] payload = Occurrences.atomicPayload(image);
    return Occurrences.attestation(NOTE, image, payload, signer.sign(payload), keyId);
  }

  private static Deadline in5s() {
    return Deadline.after(5, TimeUnit.SECONDS);
  }
}
