package io.dikast.verifier.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.attestation.SlsaProvenance;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.testing.BashPae;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.grafeas.BuildOccurrences;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.dikast.verifier.grafeas.ProvenanceSource;
import io.grafeas.v1.BuildOccurrence;
import io.grafeas.v1.InTotoSlsaProvenanceV1;
import io.grafeas.v1.InTotoStatement;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Subject;
import io.grpc.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BUILD occurrences as Grafeas returns them, with envelopes openssl signed over statement files:
 * only a verifying envelope is evidence, whatever the occurrence's unsigned details say.
 */
class ProvenanceFactsTest {

  private static final String NOTE = "projects/ci/notes/builder";
  private static final ImageReference IMAGE =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:"
              + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
  private static final String GENERATOR =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
          + "generator_container_slsa3.yml@refs/tags/v2.0.0";
  private static final SlsaProvenance PAYMENT_BUILD =
      new SlsaProvenance(
          "https://slsa.dev/provenance/v1",
          GENERATOR,
          List.of("git+https://github.com/acme/payment", "https://github.com/acme/payment"));

  @TempDir static Path dir;
  private static OpenSsl openssl;
  private static OpenSsl.Key ciKey;
  private static List<TrustedKey> keys;

  @BeforeAll
  static void makeKey() throws Exception {
    openssl = OpenSsl.start();
    ciKey = openssl.ecKey("P-256");
    keys = List.of(KeyParser.parsePkix("ci", ciKey.publicKeyPem(), "ECDSA_P256_SHA256"));
  }

  @AfterAll
  static void removeKey() {
    openssl.close();
  }

  @Test
  void aVerifyingEnvelopeIsEvidenceOfWhatTheStatementSays() throws Exception {
    assertThat(ProvenanceFacts.verify(List.of(build("payment-v1.json", ciKey)), keys, IMAGE))
        .isEqualTo(new AttestationFact.Verified("ci", List.of(PAYMENT_BUILD)));
  }

  @Test
  void onlyTheStatementsThatVerifyAreEvidence() throws Exception {
    List<Occurrence> occurrences =
        List.of(
            build("payment-other-digest.json", ciKey),
            build("payment-v1.json", ciKey),
            build("payment-v1.json", ciKey));

    assertThat(ProvenanceFacts.verify(occurrences, keys, IMAGE))
        .isEqualTo(new AttestationFact.Verified("ci", List.of(PAYMENT_BUILD)));
  }

  @Test
  void noOccurrenceAndNoEnvelopeAreNamed() {
    Occurrence withoutEnvelope =
        Occurrence.newBuilder()
            .setNoteName(NOTE)
            .setResourceUri(IMAGE.resourceUri())
            .setKind(NoteKind.BUILD)
            .setBuild(BuildOccurrence.newBuilder().setIntotoStatement(claimingTheRightThings()))
            .build();

    assertThat(ProvenanceFacts.verify(List.of(), keys, IMAGE))
        .isEqualTo(new AttestationFact.NotVerified("no build occurrence for this digest"));
    assertThat(ProvenanceFacts.verify(List.of(withoutEnvelope), keys, IMAGE))
        .isEqualTo(new AttestationFact.NotVerified("build occurrence has no DSSE envelope"));
  }

  @Test
  void unsignedDetailsSayingTheRightThingsDoNotRescueAnEnvelopeThatDoesNotVerify()
      throws Exception {
    OpenSsl.Key stranger = openssl.ecKey("P-256");
    Occurrence forged =
        build("payment-v1.json", stranger).toBuilder()
            .setBuild(
                BuildOccurrence.newBuilder()
                    .setIntotoStatement(claimingTheRightThings())
                    .setInTotoSlsaProvenanceV1(
                        InTotoSlsaProvenanceV1.newBuilder()
                            .setType("https://in-toto.io/Statement/v1")
                            .addSubject(paymentSubject())
                            .setPredicateType("https://slsa.dev/provenance/v1")
                            .setPredicate(
                                InTotoSlsaProvenanceV1.SlsaProvenanceV1.newBuilder()
                                    .setRunDetails(
                                        InTotoSlsaProvenanceV1.RunDetails.newBuilder()
                                            .setBuilder(
                                                InTotoSlsaProvenanceV1.ProvenanceBuilder
                                                    .newBuilder()
                                                    .setId(GENERATOR))))))
            .build();

    assertThat(ProvenanceFacts.verify(List.of(forged), keys, IMAGE))
        .isEqualTo(
            new AttestationFact.NotVerified(
                "DSSE signature does not verify with key ci of this authority"));
  }

  @Test
  void aMissingNoteDeniesAndAnOutageIsNeverASuccess() {
    Deadline deadline = Deadline.after(5, TimeUnit.SECONDS);
    ProvenanceSource missing =
        (note, image, budget) -> {
          throw new NoteNotFoundException(note);
        };
    ProvenanceSource down =
        (note, image, budget) -> {
          throw new BackendUnavailableException("Grafeas unreachable");
        };

    assertThat(ProvenanceFacts.find(missing, NOTE, keys, IMAGE, deadline))
        .isEqualTo(
            new AttestationFact.NotVerified(
                "note projects/ci/notes/builder does not exist in Grafeas"));
    assertThat(ProvenanceFacts.find(down, NOTE, keys, IMAGE, deadline))
        .isEqualTo(new AttestationFact.Unavailable("Grafeas unreachable"));
    assertThat(ProvenanceFacts.findAsync(down, NOTE, keys, IMAGE, deadline, Runnable::run).join())
        .isEqualTo(new AttestationFact.Unavailable("Grafeas unreachable"));
  }

  private static Occurrence build(String statementFile, OpenSsl.Key key) throws Exception {
    byte[] statement = statement(statementFile);
    byte[] signature =
        openssl.sign(key, "SHA256", BashPae.encode(dir, DsseEnvelope.IN_TOTO_TYPE, statement));
    return BuildOccurrences.of(NOTE, IMAGE, statement, signature, "");
  }

  private static InTotoStatement claimingTheRightThings() {
    return InTotoStatement.newBuilder()
        .setType("https://in-toto.io/Statement/v1")
        .addSubject(paymentSubject())
        .setPredicateType("https://slsa.dev/provenance/v1")
        .build();
  }

  private static Subject paymentSubject() {
    return Subject.newBuilder()
        .setName("gcr.io/hightowerlabs/payment")
        .putDigest("sha256", IMAGE.digest().orElseThrow().substring("sha256:".length()))
        .build();
  }

  private static byte[] statement(String name) throws IOException {
    try (InputStream in = ProvenanceFactsTest.class.getResourceAsStream("/provenance/" + name)) {
      return in.readAllBytes();
    }
  }
}
