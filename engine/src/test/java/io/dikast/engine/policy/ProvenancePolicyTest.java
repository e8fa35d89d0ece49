package io.dikast.engine.policy;

import static io.dikast.engine.policy.PolicyBuilder.gap;
import static io.dikast.engine.policy.PolicyBuilder.isp;
import static io.dikast.engine.workload.WorkloadFixtures.podWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.attestation.ProvenanceVerification;
import io.dikast.engine.attestation.ProvenanceVerifier;
import io.dikast.engine.attestation.SlsaProvenance;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.testing.BashPae;
import io.dikast.engine.testing.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance requirements decided from envelopes openssl signed over statement files, as the
 * verifier turns them into facts: the attacks the issue names, each denied with its exact line.
 */
class ProvenancePolicyTest {

  private static final String PAYMENT =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final ImageReference IMAGE = ImageReference.parse(PAYMENT);
  private static final String IN_TOTO = "application/vnd.in-toto+json";
  private static final String GENERATOR =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
          + "generator_container_slsa3.yml@refs/tags/v*";
  private static final ProvenanceRequirement CI =
      new ProvenanceRequirement(
          "ci", List.of(GENERATOR), List.of("git+https://github.com/acme/**"));
  private static final Policy POLICY =
      isp("provenance").authorities().requiringProvenance(CI).build();
  private static final String DENIED =
      "image " + PAYMENT + " denied by ImageSecurityPolicy payments/provenance: ";

  @TempDir static Path dir;
  private static OpenSsl openssl;
  private static OpenSsl.Key ciKey;
  private static List<TrustedKey> keys;

  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  @BeforeAll
  static void makeKeys() throws Exception {
    openssl = OpenSsl.start();
    ciKey = openssl.ecKey("P-256");
    keys = List.of(KeyParser.parsePkix("ci-key", ciKey.publicKeyPem(), "ECDSA_P256_SHA256"));
  }

  @AfterAll
  static void removeKeys() {
    openssl.close();
  }

  @Test
  void admitsImageWithSignedProvenanceFromAnAllowedBuilderAndSource() throws Exception {
    Decision decision = decide(POLICY, fact(signed("payment-v1.json", ciKey)));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings()).isEmpty();
  }

  @Test
  void deniesProvenanceFromABuilderNotAllowed() throws Exception {
    assertThat(decide(POLICY, fact(signed("payment-other-builder.json", ciKey))).denials())
        .containsExactly(
            DENIED
                + "provenance by authority ci names builder"
                + " https://github.com/mallory/builder/.github/workflows/build.yml@refs/heads/main,"
                + " not one of "
                + GENERATOR);
  }

  @Test
  void deniesProvenanceFromASourceNotAllowed() throws Exception {
    assertThat(decide(POLICY, fact(signed("payment-other-source.json", ciKey))).denials())
        .containsExactly(
            DENIED
                + "provenance by authority ci names no source repository matching"
                + " git+https://github.com/acme/** (it names git+https://github.com/mallory/payment,"
                + " https://github.com/mallory/payment)");
  }

  @Test
  void deniesProvenanceOfAnotherDigest() throws Exception {
    assertThat(decide(POLICY, fact(signed("payment-other-digest.json", ciKey))).denials())
        .containsExactly(
            DENIED
                + "no valid provenance by authority ci (ci: DSSE statement has no subject"
                + " gcr.io/hightowerlabs/payment with sha256 digest"
                + " aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887 (it names"
                + " \"gcr.io/hightowerlabs/payment\"))");
  }

  @Test
  void deniesUnsignedProvenance() throws Exception {
    DsseEnvelope unsigned = new DsseEnvelope(IN_TOTO, statement("payment-v1.json"), List.of());

    assertThat(decide(POLICY, fact(unsigned)).denials())
        .containsExactly(
            DENIED + "no valid provenance by authority ci (ci: DSSE envelope has no signature)");
  }

  @Test
  void deniesProvenanceSignedByAnUnknownKey() throws Exception {
    OpenSsl.Key stranger = openssl.ecKey("P-256");

    assertThat(decide(POLICY, fact(signed("payment-v1.json", stranger))).denials())
        .containsExactly(
            DENIED
                + "no valid provenance by authority ci (ci: DSSE signature does not verify with"
                + " key ci-key of this authority)");
  }

  @Test
  void deniesASignedStatementOfAnotherPredicateType() throws Exception {
    assertThat(decide(POLICY, fact(signed("../dsse/statement.json", ciKey))).denials())
        .containsExactly(
            DENIED
                + "no valid provenance by authority ci (ci: DSSE statement is not SLSA provenance"
                + " (predicateType \"https://slsa.dev/verification_summary/v1\"))");
  }

  @Test
  void deniesAnImageWithoutBuildOccurrenceNamingTheVerifiersReason() {
    assertThat(
            decide(POLICY, new AttestationFact.NotVerified("no build occurrence for this digest"))
                .denials())
        .containsExactly(
            DENIED
                + "no valid provenance by authority ci (ci: no build occurrence for this digest)");
  }

  @Test
  void oneStatementMeetingTheRequirementAmongSeveralIsEnough() throws Exception {
    Decision decision =
        decide(
            POLICY,
            fact(
                signed("payment-other-builder.json", ciKey),
                signed("payment-other-digest.json", ciKey),
                signed("payment-v1.json", ciKey)));

    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void theDenialNamesTheStatementWithAnAllowedBuilderBeforeOneWithAnother() throws Exception {
    assertThat(
            decide(
                    POLICY,
                    fact(
                        signed("payment-other-builder.json", ciKey),
                        signed("payment-other-source.json", ciKey)))
                .denials())
        .containsExactly(
            DENIED
                + "provenance by authority ci names no source repository matching"
                + " git+https://github.com/acme/** (it names git+https://github.com/mallory/payment,"
                + " https://github.com/mallory/payment)");
  }

  @Test
  void theSameEvidenceIsJudgedByTheCurrentPatterns() throws Exception {
    AttestationFact otherSource = fact(signed("payment-other-source.json", ciKey));
    Policy anySource =
        isp("provenance")
            .authorities()
            .requiringProvenance(new ProvenanceRequirement("ci", List.of(GENERATOR), List.of()))
            .build();
    Policy mallory =
        isp("provenance")
            .authorities()
            .requiringProvenance(
                new ProvenanceRequirement(
                    "ci", List.of(), List.of("https://github.com/mallory/payment")))
            .build();

    assertThat(decide(POLICY, otherSource).allowed()).isFalse();
    assertThat(decide(anySource, otherSource).allowed()).isTrue();
    assertThat(decide(mallory, otherSource).allowed()).isTrue();
  }

  @Test
  void everyRequirementMustHold() throws Exception {
    Policy twoAuthorities =
        gap("release")
            .authorities()
            .requiringProvenance(
                CI,
                new ProvenanceRequirement(
                    "release", List.of("https://release.example/*"), List.of()))
            .build();
    Map<AttestationCheck, AttestationFact> facts = new LinkedHashMap<>();
    facts.put(AttestationCheck.provenance("ci", IMAGE), fact(signed("payment-v1.json", ciKey)));
    facts.put(
        AttestationCheck.provenance("release", IMAGE),
        new AttestationFact.NotVerified("no build occurrence for this digest"));

    assertThat(evaluator.evaluate(podWorkload(PAYMENT), List.of(twoAuthorities), facts).denials())
        .containsExactly(
            "image "
                + PAYMENT
                + " denied by GenericAttestationPolicy payments/release: no valid provenance by"
                + " authority release (release: no build occurrence for this digest)");
  }

  @Test
  void asksOneProvenanceCheckPerAuthorityAndNoneForAnAllowlistedImage() {
    Policy twice =
        isp("provenance")
            .authorities("qa")
            .requiringProvenance(CI, new ProvenanceRequirement("ci", List.of(), List.of()))
            .build();
    Policy allowlisting =
        isp("provenance")
            .authorities()
            .allowlisting("gcr.io/hightowerlabs/**")
            .requiringProvenance(CI)
            .build();

    assertThat(evaluator.requiredChecks(podWorkload(PAYMENT), List.of(twice)))
        .containsExactly(
            AttestationCheck.of("qa", PAYMENT), AttestationCheck.provenance("ci", IMAGE));
    assertThat(evaluator.requiredChecks(podWorkload(PAYMENT), List.of(allowlisting))).isEmpty();
  }

  @Test
  void provenanceNeverStandsInForAnAttestationNorTheOtherWay() throws Exception {
    Policy attestationByCi = isp("attested").authorities("ci").build();
    Map<AttestationCheck, AttestationFact> provenanceOnly =
        Map.of(AttestationCheck.provenance("ci", IMAGE), fact(signed("payment-v1.json", ciKey)));
    Map<AttestationCheck, AttestationFact> attestationOnly =
        Map.of(AttestationCheck.of("ci", PAYMENT), new AttestationFact.Verified("ci-key"));

    assertThat(
            evaluator
                .evaluate(podWorkload(PAYMENT), List.of(attestationByCi), provenanceOnly)
                .allowed())
        .isFalse();
    assertThat(evaluator.evaluate(podWorkload(PAYMENT), List.of(POLICY), attestationOnly).denials())
        .containsExactly(DENIED + "provenance backend unavailable (not checked)");
  }

  @Test
  void anOutageDeniesUnlessThePolicyAllowsOutagesAndNeverHidesAFailure() throws Exception {
    AttestationFact outage = new AttestationFact.Unavailable("Grafeas unreachable");
    Policy allowingOutage =
        isp("provenance").authorities().requiringProvenance(CI).allowingBackendOutage().build();

    assertThat(decide(POLICY, outage).denials())
        .containsExactly(DENIED + "provenance backend unavailable (Grafeas unreachable)");
    Decision allowed = decide(allowingOutage, outage);
    assertThat(allowed.allowed()).isTrue();
    assertThat(allowed.warnings())
        .containsExactly(
            "image "
                + PAYMENT
                + " admitted with onBackendUnavailable Allow despite ImageSecurityPolicy"
                + " payments/provenance: provenance backend unavailable (Grafeas unreachable)");

    Map<AttestationCheck, AttestationFact> attestationDown = new LinkedHashMap<>();
    attestationDown.put(AttestationCheck.of("qa", PAYMENT), outage);
    attestationDown.put(
        AttestationCheck.provenance("ci", IMAGE),
        fact(signed("payment-other-builder.json", ciKey)));
    Policy both =
        isp("provenance").authorities("qa").requiringProvenance(CI).allowingBackendOutage().build();
    assertThat(evaluator.evaluate(podWorkload(PAYMENT), List.of(both), attestationDown).denials())
        .containsExactly(
            DENIED
                + "attestation backend unavailable (Grafeas unreachable); provenance by authority"
                + " ci names builder"
                + " https://github.com/mallory/builder/.github/workflows/build.yml@refs/heads/main,"
                + " not one of "
                + GENERATOR);
  }

  private Decision decide(Policy policy, AttestationFact ciFact) {
    return evaluator.evaluate(
        podWorkload(PAYMENT),
        List.of(policy),
        Map.of(AttestationCheck.provenance("ci", IMAGE), ciFact));
  }

  /** What the verifier makes of a digest's envelopes: every verified statement, else why none. */
  private static AttestationFact fact(DsseEnvelope... envelopes) {
    List<SlsaProvenance> verified = new ArrayList<>();
    String keyId = null;
    Set<String> reasons = new LinkedHashSet<>();
    for (DsseEnvelope envelope : envelopes) {
      ProvenanceVerification verification = ProvenanceVerifier.verify(IMAGE, envelope, keys);
      if (verification.verified()) {
        verified.add(verification.provenance());
        keyId = keyId == null ? verification.keyId() : keyId;
      } else {
        reasons.add(verification.reason());
      }
    }
    return verified.isEmpty()
        ? new AttestationFact.NotVerified(String.join("; ", reasons))
        : new AttestationFact.Verified(keyId, verified);
  }

  private static DsseEnvelope signed(String statementFile, OpenSsl.Key key) throws Exception {
    byte[] statement = statement(statementFile);
    byte[] signature = openssl.sign(key, "SHA256", BashPae.encode(dir, IN_TOTO, statement));
    return new DsseEnvelope(IN_TOTO, statement, List.of(new AttestationSignature(signature, "")));
  }

  private static byte[] statement(String name) throws IOException {
    try (InputStream in = ProvenancePolicyTest.class.getResourceAsStream("/provenance/" + name)) {
      return in.readAllBytes();
    }
  }
}
