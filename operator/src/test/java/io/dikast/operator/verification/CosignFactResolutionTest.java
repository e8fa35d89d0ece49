package io.dikast.operator.verification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.engine.attestation.CosignSignature;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.engine.workload.PullSecrets;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.CosignSettings;
import io.dikast.verifier.registry.CosignSignatureSource;
import io.dikast.verifier.registry.RegistryCredential;
import io.dikast.verifier.registry.RegistryCredentials;
import io.grpc.Deadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resolver with authorities that read cosign signatures, alone or beside a Grafeas note. */
class CosignFactResolutionTest {

  private static final String NS = "payments";
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final String DIGEST =
      "sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final ImageReference IMAGE =
      ImageReference.parse("registry.example.com/team/payment@" + DIGEST);
  private static final AttestationCheck CHECK = new AttestationCheck("qa", IMAGE);
  private static final JcaEcSigner SIGNER = JcaEcSigner.generate();
  private static final PullSecrets PULL = new PullSecrets("builder", List.of("pull"));
  private static final AttestationSource NO_OCCURRENCES = (note, image, deadline) -> List.of();
  private static TrustedKey key;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DikastMetrics metrics = new DikastMetrics(registry);
  private final VerificationCache cache = new VerificationCache(CacheSettings.defaults());
  private final List<CosignLookup> lookups = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private FactResolver resolver;

  @BeforeAll
  static void makeKey() throws Exception {
    key = KeyParser.parsePkix("qa-ec", SIGNER.publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (resolver != null) {
      resolver.close();
    }
  }

  @Test
  void aCosignSignatureVerifiesOnceAndIsAnsweredFromTheCacheAfter() {
    start(NO_OCCURRENCES, signedBy(SIGNER));
    NamespacePolicies snapshot = snapshot(authority("", Optional.empty()));

    assertThat(resolve(snapshot)).isEqualTo(new AttestationFact.Verified("qa-ec"));
    assertThat(resolve(snapshot)).isEqualTo(new AttestationFact.Verified("qa-ec"));

    assertThat(lookups).hasSize(1);
    assertThat(registry.get("dikast.registry.request.duration").timer().count()).isEqualTo(1);
  }

  @Test
  void theLookupCarriesTheWorkloadsCredentialsAndTheAuthoritysSettings() {
    RegistryCredential robot = new RegistryCredential("robot", "s3cret", "Secret payments/pull");
    start(
        NO_OCCURRENCES,
        signedBy(SIGNER),
        (repository, namespace, authoritySecret, pullSecrets) ->
            repository.equals("registry.example.com/signatures")
                    && namespace.equals(NS)
                    && authoritySecret.equals(Optional.of("qa-registry"))
                    && pullSecrets.equals(PULL)
                ? List.of(robot)
                : List.of());

    resolve(
        snapshot(
            authority(
                "",
                Optional.of(
                    new CosignSettings(
                        Optional.of("registry.example.com/signatures"),
                        Optional.of("qa-registry"),
                        Optional.empty(),
                        false)))));

    assertThat(lookups).hasSize(1);
    assertThat(lookups.get(0).repository()).isEqualTo("registry.example.com/signatures");
    assertThat(lookups.get(0).access().credentials()).containsExactly(robot);
  }

  @Test
  void anUnreachableRegistryIsAnOutageThatIsNotCached() {
    start(
        NO_OCCURRENCES,
        (lookup, deadline) -> {
          lookups.add(lookup);
          throw new BackendUnavailableException("registry registry.example.com is unreachable");
        });
    NamespacePolicies snapshot = snapshot(authority("", Optional.empty()));

    assertThat(resolve(snapshot))
        .isEqualTo(new AttestationFact.Unavailable("registry registry.example.com is unreachable"));
    resolve(snapshot);

    assertThat(lookups).hasSize(2);
  }

  @Test
  void aVerifiedGrafeasAttestationDoesNotWaitForAHungRegistry() {
    InMemoryAttestations grafeas = new InMemoryAttestations().withNotes(NOTE);
    byte[] payload = Occurrences.atomicPayload(IMAGE);
    grafeas.upload(Occurrences.attestation(NOTE, IMAGE, payload, SIGNER.sign(payload), "qa-ec"));
    start(
        grafeas,
        (lookup, deadline) -> {
          lookups.add(lookup);
          awaitRelease();
          return List.of();
        });

    CompletableFuture<Map<AttestationCheck, AttestationFact>> answer =
        resolver.resolveAsync(
            NS,
            PULL,
            snapshot(authority(NOTE, Optional.empty())),
            Set.of(CHECK),
            Deadline.after(30, TimeUnit.SECONDS));

    await().atMost(Duration.ofSeconds(10)).until(answer::isDone);
    assertThat(lookups).hasSize(1);
    assertThat(release.getCount()).isOne();
    assertThat(answer.join().get(CHECK)).isEqualTo(new AttestationFact.Verified("qa-ec"));
  }

  @Test
  void withBothSourcesAnUnsignedImageNamesWhatEachLacks() {
    start(NO_OCCURRENCES, (lookup, deadline) -> List.of());

    AttestationFact fact = resolve(snapshot(authority(NOTE, Optional.empty())));

    assertThat(fact).isInstanceOf(AttestationFact.NotVerified.class);
    assertThat(((AttestationFact.NotVerified) fact).reason())
        .isEqualTo(
            "no attestation occurrence for this digest; no cosign signature for "
                + IMAGE.pinned()
                + " (no registry.example.com/team/payment:sha256-"
                + DIGEST.substring(7)
                + ".sig)");
  }

  @Test
  void aFactFromTheImagesRepositoryDoesNotAnswerForAnAuthorityReadingAnother() {
    start(NO_OCCURRENCES, signedBy(SIGNER));
    resolve(snapshot(authority("", Optional.empty())));

    resolve(
        snapshot(
            authority(
                "",
                Optional.of(
                    new CosignSettings(
                        Optional.of("registry.example.com/signatures"),
                        Optional.empty(),
                        Optional.empty(),
                        false)))));

    assertThat(lookups)
        .extracting(CosignLookup::repository)
        .containsExactly("registry.example.com/team/payment", "registry.example.com/signatures");
  }

  @Test
  void aSilentRegistryIsAnOutageNamingTheRegistryWhenTheAdmissionBudgetEnds() {
    start(
        NO_OCCURRENCES,
        (lookup, deadline) -> {
          awaitRelease();
          return List.of();
        });

    Map<AttestationCheck, AttestationFact> facts =
        resolver.resolve(
            NS,
            PULL,
            snapshot(authority("", Optional.empty())),
            Set.of(CHECK),
            Deadline.after(200, TimeUnit.MILLISECONDS));

    assertThat(facts.get(CHECK))
        .isEqualTo(
            new AttestationFact.Unavailable(
                "no answer from the registry within the admission budget"));
  }

  private void start(AttestationSource grafeas, CosignSignatureSource signatures) {
    start(grafeas, signatures, RegistryCredentials.NONE);
  }

  private void start(
      AttestationSource grafeas,
      CosignSignatureSource signatures,
      RegistryCredentials credentials) {
    resolver =
        new FactResolver(
            new AttestationFactFinder(grafeas, NoBuilds.SOURCE, metrics),
            new CosignFactFinder(signatures, metrics, Duration.ofSeconds(3)),
            credentials,
            cache,
            metrics,
            VerificationSettings.defaults(),
            Duration.ofSeconds(2));
  }

  private CosignSignatureSource signedBy(JcaEcSigner signer) {
    return (lookup, deadline) -> {
      lookups.add(lookup);
      byte[] payload =
          ("{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example.com/team/payment\"},"
                  + "\"image\":{\"docker-manifest-digest\":\""
                  + DIGEST
                  + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
              .getBytes(UTF_8);
      return List.of(
          new CosignSignature(
              payload, Base64.getEncoder().encodeToString(signer.sign(payload)), null));
    };
  }

  private AttestationFact resolve(NamespacePolicies snapshot) {
    return resolver
        .resolve(NS, PULL, snapshot, Set.of(CHECK), Deadline.after(10, TimeUnit.SECONDS))
        .get(CHECK);
  }

  private static ResolvedAuthority authority(String note, Optional<CosignSettings> settings) {
    return ResolvedAuthority.of(
        NS,
        "qa",
        note,
        List.of(key),
        true,
        Optional.of(
            settings.orElse(
                new CosignSettings(Optional.empty(), Optional.empty(), Optional.empty(), false))));
  }

  private static NamespacePolicies snapshot(ResolvedAuthority authority) {
    return new NamespacePolicies(List.of(), Map.of(authority.name(), authority));
  }

  private void awaitRelease() {
    try {
      release.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
