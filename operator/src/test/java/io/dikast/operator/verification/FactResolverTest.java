package io.dikast.operator.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.LastVerified;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.engine.workload.PullSecrets;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.RegistryCredentials;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FactResolverTest {

  private static final String NS = "payments";
  private static final String QA_NOTE = "projects/image-signing/notes/qa";
  private static final ImageReference IMAGE =
      ImageReference.parse(
          "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887");
  private static final AttestationCheck QA_CHECK = new AttestationCheck("qa", IMAGE);
  private static final JcaEcSigner SIGNER = JcaEcSigner.generate();
  private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REFRESH_AFTER = CacheSettings.defaults().refreshAfter();
  private static final Duration POSITIVE_TTL = CacheSettings.defaults().positiveTtl();
  private static final String DOWN = "Grafeas at localhost:1 is unavailable";
  private static final AttestationFact VERIFIED = new AttestationFact.Verified("qa-ec");
  private static final AttestationFact DELETED =
      new AttestationFact.NotVerified("no attestation occurrence for this digest");
  private static TrustedKey qaKey;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ManualTicker ticker = new ManualTicker();
  private final VerificationCache cache = new VerificationCache(CacheSettings.defaults(), ticker);
  private final InMemoryAttestations grafeas = new InMemoryAttestations().withNotes(QA_NOTE);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean grafeasDown = new AtomicBoolean();
  // Grafeas as the webhook sees it: the occurrences above, unless a test takes it down.
  private final AttestationSource switchable =
      (note, image, deadline) -> {
        if (grafeasDown.get()) {
          throw new BackendUnavailableException(DOWN);
        }
        return grafeas.attestations(note, image, deadline);
      };
  private FactResolver resolver;

  @BeforeAll
  static void makeKey() throws Exception {
    qaKey = KeyParser.parsePkix("qa-ec", SIGNER.publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (resolver != null) {
      resolver.close();
    }
  }

  @Test
  void verifiesAnAttestedImage() {
    upload(IMAGE);

    assertThat(resolve(grafeas, snapshot(qa(List.of(qaKey))), QA_CHECK))
        .containsExactly(Map.entry(QA_CHECK, new AttestationFact.Verified("qa-ec")));
  }

  @Test
  void anAuthorityMissingFromTheNamespaceIsNotVerified() {
    assertThat(resolve(grafeas, snapshot(), QA_CHECK))
        .containsExactly(
            Map.entry(
                QA_CHECK,
                new AttestationFact.NotVerified(
                    "authority qa is not defined in namespace payments")));
    assertThat(grafeas.requests()).isZero();
  }

  @Test
  void anAuthorityWithoutUsableKeysIsNotVerifiedAndNamed() {
    ResolvedAuthority keyless = ResolvedAuthority.of(NS, "qa", QA_NOTE, List.of(), false);

    assertThat(resolve(grafeas, snapshot(keyless), QA_CHECK))
        .containsExactly(
            Map.entry(
                QA_CHECK,
                new AttestationFact.NotVerified(
                    "authority qa is not ready: it has no valid public key")));
  }

  @Test
  void answersARepeatedCheckFromTheCache() {
    upload(IMAGE);
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));

    resolve(grafeas, snapshot, QA_CHECK);
    Map<AttestationCheck, AttestationFact> second = resolve(grafeas, snapshot, QA_CHECK);

    assertThat(second).containsEntry(QA_CHECK, new AttestationFact.Verified("qa-ec"));
    assertThat(grafeas.requests()).isEqualTo(1);
    assertThat(registry.get("dikast.verification.cache.hits").counter().count()).isEqualTo(1);
    assertThat(registry.get("dikast.verification.cache.misses").counter().count()).isEqualTo(1);
  }

  @Test
  void seesAFreshUploadOnceTheNegativeTtlHasPassed() {
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    assertThat(resolve(grafeas, snapshot, QA_CHECK).get(QA_CHECK))
        .isInstanceOf(AttestationFact.NotVerified.class);

    upload(IMAGE);
    ticker.advance(Duration.ofSeconds(30));

    assertThat(resolve(grafeas, snapshot, QA_CHECK).get(QA_CHECK))
        .isEqualTo(new AttestationFact.Verified("qa-ec"));
  }

  @Test
  void servesADueFactFromTheCacheAndRefreshesItOnceInTheBackground() throws Exception {
    upload(IMAGE);
    AtomicInteger asked = new AtomicInteger();
    CountDownLatch refreshing = new CountDownLatch(1);
    AttestationSource heldOnRefresh =
        (note, image, deadline) -> {
          if (asked.incrementAndGet() == 2) {
            refreshing.countDown();
            awaitRelease();
          }
          return grafeas.attestations(note, image, deadline);
        };
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    resolve(heldOnRefresh, snapshot, QA_CHECK);
    ticker.advance(REFRESH_AFTER);

    for (int i = 0; i < 5; i++) {
      assertThat(resolve(heldOnRefresh, snapshot, QA_CHECK)).containsEntry(QA_CHECK, VERIFIED);
    }
    assertThat(refreshing.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(asked).hasValue(2);

    release.countDown();
    FactKey key =
        new FactKey(NS, "qa", QA_NOTE, qa(List.of(qaKey)).keySetVersion(), IMAGE.pinned());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> cache.get(key).filter(cached -> !cached.refreshDue()).isPresent());
    ticker.advance(REFRESH_AFTER.minusSeconds(1));
    assertThat(resolve(heldOnRefresh, snapshot, QA_CHECK)).containsEntry(QA_CHECK, VERIFIED);
    assertThat(asked).hasValue(2);
    assertThat(registry.get("dikast.verification.cache.misses").counter().count()).isEqualTo(1);
  }

  @Test
  void spacesTheRefreshesOfFactsThatFellDueTogether() {
    Set<AttestationCheck> rollout = new LinkedHashSet<>();
    for (int i = 0; i < 5; i++) {
      ImageReference image =
          ImageReference.parse("gcr.io/hightowerlabs/payment@sha256:%064x".formatted(i + 1));
      upload(image);
      rollout.add(new AttestationCheck("qa", image));
    }
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    resolve(grafeas, snapshot, rollout, in10s());
    assertThat(grafeas.requests()).isEqualTo(5);

    ticker.advance(REFRESH_AFTER);
    assertThat(resolve(grafeas, snapshot, rollout, in10s()).values()).containsOnly(VERIFIED);
    await().atMost(Duration.ofSeconds(5)).until(() -> grafeas.requests() == 6);

    // The default 50 per second: the next slot is 20 ms later, whatever is still due.
    ticker.advance(Duration.ofMillis(20));
    assertThat(resolve(grafeas, snapshot, rollout, in10s()).values()).containsOnly(VERIFIED);
    await().atMost(Duration.ofSeconds(5)).until(() -> grafeas.requests() >= 7);
    assertThat(resolve(grafeas, snapshot, rollout, in10s()).values()).containsOnly(VERIFIED);
    assertThat(grafeas.requests()).isEqualTo(7);
    assertThat(cacheMisses()).isEqualTo(5);
  }

  @Test
  void doesNotRefreshAFactYoungerThanRefreshAfter() {
    upload(IMAGE);
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    resolve(grafeas, snapshot, QA_CHECK);

    ticker.advance(REFRESH_AFTER.minusSeconds(1));
    resolve(grafeas, snapshot, QA_CHECK);

    assertThat(grafeas.requests()).isEqualTo(1);
  }

  @Test
  void aRefreshThatFindsTheAttestationDeletedReplacesTheFact() {
    Occurrence attestation = upload(IMAGE);
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    assertThat(resolve(grafeas, snapshot, QA_CHECK)).containsEntry(QA_CHECK, VERIFIED);

    grafeas.delete(attestation);
    ticker.advance(REFRESH_AFTER);

    assertThat(resolve(grafeas, snapshot, QA_CHECK)).containsEntry(QA_CHECK, VERIFIED);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(resolve(grafeas, snapshot, QA_CHECK)).containsEntry(QA_CHECK, DELETED));
    assertThat(grafeas.requests()).isEqualTo(2);
  }

  @Test
  void aRefreshThatMeetsAnOutageDropsTheFactSoTheNextCheckAsksGrafeas() {
    upload(IMAGE);
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    resolve(switchable, snapshot, QA_CHECK);

    grafeasDown.set(true);
    ticker.advance(REFRESH_AFTER);

    assertThat(resolve(switchable, snapshot, QA_CHECK)).containsEntry(QA_CHECK, VERIFIED);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(resolve(switchable, snapshot, QA_CHECK))
                    .containsEntry(
                        QA_CHECK,
                        new AttestationFact.Unavailable(
                            DOWN, Optional.of(new LastVerified("qa-ec", REFRESH_AFTER)))));
  }

  @Test
  void answersFromTheCacheWhileGrafeasIsDownOnlyUntilThePositiveTtl() {
    upload(IMAGE);
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    resolve(switchable, snapshot, QA_CHECK);
    grafeasDown.set(true);

    ticker.advance(POSITIVE_TTL);

    assertThat(resolve(switchable, snapshot, QA_CHECK))
        .containsExactly(
            Map.entry(
                QA_CHECK,
                new AttestationFact.Unavailable(
                    DOWN, Optional.of(new LastVerified("qa-ec", POSITIVE_TTL)))));
  }

  @Test
  void anOutageCarriesNoLastVerificationOnceGrafeasAnsweredThatTheAttestationIsGone() {
    Occurrence attestation = upload(IMAGE);
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    resolve(switchable, snapshot, QA_CHECK);
    grafeas.delete(attestation);
    ticker.advance(POSITIVE_TTL);
    assertThat(resolve(switchable, snapshot, QA_CHECK)).containsEntry(QA_CHECK, DELETED);

    grafeasDown.set(true);
    ticker.advance(POSITIVE_TTL);

    assertThat(resolve(switchable, snapshot, QA_CHECK))
        .containsExactly(Map.entry(QA_CHECK, new AttestationFact.Unavailable(DOWN)));
  }

  @Test
  void aTimedOutCheckCarriesTheLastVerificationToo() {
    upload(IMAGE);
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    AtomicBoolean hang = new AtomicBoolean();
    AttestationSource hangsWhenTold =
        (note, image, deadline) -> {
          if (hang.get()) {
            awaitRelease();
          }
          return grafeas.attestations(note, image, deadline);
        };
    resolve(hangsWhenTold, snapshot, QA_CHECK);
    hang.set(true);
    ticker.advance(POSITIVE_TTL);

    Map<AttestationCheck, AttestationFact> facts =
        resolve(
            hangsWhenTold, snapshot, Set.of(QA_CHECK), Deadline.after(300, TimeUnit.MILLISECONDS));

    assertThat(facts)
        .containsExactly(
            Map.entry(
                QA_CHECK,
                new AttestationFact.Unavailable(
                    "no answer from Grafeas within the admission budget",
                    Optional.of(new LastVerified("qa-ec", POSITIVE_TTL)))));
  }

  @Test
  void asksGrafeasAgainWhenTheAuthorityKeysChange() {
    upload(IMAGE);
    resolve(grafeas, snapshot(qa(List.of(qaKey))), QA_CHECK);

    TrustedKey rotated = parse(JcaEcSigner.generate(), "qa-ec-2");
    Map<AttestationCheck, AttestationFact> facts =
        resolve(grafeas, snapshot(qa(List.of(rotated))), QA_CHECK);

    assertThat(facts.get(QA_CHECK))
        .isEqualTo(
            new AttestationFact.NotVerified("signature key qa-ec is not a key of this authority"));
    assertThat(grafeas.requests()).isEqualTo(2);
  }

  @Test
  void neverCachesAnOutage() {
    AttestationSource down =
        (note, image, deadline) -> {
          throw new BackendUnavailableException("Grafeas at localhost:1 is unavailable");
        };
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    FactResolver failing = resolver(down, VerificationSettings.defaults());
    failing.resolve(
        NS, PullSecrets.DEFAULT, snapshot, Set.of(QA_CHECK), Deadline.after(5, TimeUnit.SECONDS));
    failing.close();

    upload(IMAGE);
    assertThat(resolve(grafeas, snapshot, QA_CHECK).get(QA_CHECK))
        .isEqualTo(new AttestationFact.Verified("qa-ec"));
  }

  @Test
  void aCheckStillUnansweredAtTheDeadlineIsUnavailable() {
    AttestationSource hanging =
        (note, image, deadline) -> {
          awaitRelease();
          return List.of();
        };

    long start = System.nanoTime();
    Map<AttestationCheck, AttestationFact> facts =
        resolve(
            hanging,
            snapshot(qa(List.of(qaKey))),
            Set.of(QA_CHECK),
            Deadline.after(300, TimeUnit.MILLISECONDS));

    assertThat(facts)
        .containsExactly(
            Map.entry(
                QA_CHECK,
                new AttestationFact.Unavailable(
                    "no answer from Grafeas within the admission budget")));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void runsChecksInParallel() {
    CountDownLatch bothAsking = new CountDownLatch(2);
    AttestationSource rendezvous =
        (note, image, deadline) -> {
          bothAsking.countDown();
          try {
            if (!bothAsking.await(5, TimeUnit.SECONDS)) {
              throw new BackendUnavailableException("checks ran one after the other");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return List.of();
        };
    ImageReference other =
        ImageReference.parse(
            "gcr.io/hightowerlabs/ruby@sha256:1111111111111111111111111111111111111111111111111111111111111111");
    AttestationCheck otherCheck = new AttestationCheck("qa", other);

    Map<AttestationCheck, AttestationFact> facts =
        resolve(
            rendezvous,
            snapshot(qa(List.of(qaKey))),
            new LinkedHashSet<>(List.of(QA_CHECK, otherCheck)),
            Deadline.after(10, TimeUnit.SECONDS));

    assertThat(facts.values())
        .containsOnly(new AttestationFact.NotVerified("no attestation occurrence for this digest"));
  }

  @Test
  void concurrentAdmissionsOfTheSameImageShareOneGrafeasRequest() throws Exception {
    upload(IMAGE);
    CountDownLatch asked = new CountDownLatch(1);
    AttestationSource slow =
        (note, image, deadline) -> {
          asked.countDown();
          awaitRelease();
          return grafeas.attestations(note, image, deadline);
        };
    resolver = resolver(slow, VerificationSettings.defaults());
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    CompletableFuture<Map<AttestationCheck, AttestationFact>> first =
        CompletableFuture.supplyAsync(
            () -> resolver.resolve(NS, PullSecrets.DEFAULT, snapshot, Set.of(QA_CHECK), in10s()));
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Map<AttestationCheck, AttestationFact>> second =
        CompletableFuture.supplyAsync(
            () -> resolver.resolve(NS, PullSecrets.DEFAULT, snapshot, Set.of(QA_CHECK), in10s()));
    await().atMost(Duration.ofSeconds(5)).until(() -> cacheMisses() == 2);

    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS).get(QA_CHECK))
        .isEqualTo(new AttestationFact.Verified("qa-ec"));
    assertThat(second.get(10, TimeUnit.SECONDS).get(QA_CHECK))
        .isEqualTo(new AttestationFact.Verified("qa-ec"));
    assertThat(grafeas.requests()).isEqualTo(1);
  }

  @Test
  void aFullQueueIsAnOutageNotAFailure() {
    AttestationSource hanging =
        (note, image, deadline) -> {
          awaitRelease();
          return List.of();
        };
    resolver = resolver(hanging, new VerificationSettings(1, 1));
    NamespacePolicies snapshot = snapshot(qa(List.of(qaKey)));
    Set<AttestationCheck> three = new LinkedHashSet<>();
    for (int i = 1; i <= 3; i++) {
      three.add(
          new AttestationCheck(
              "qa", ImageReference.parse("gcr.io/x/app" + i + "@" + IMAGE.digest().orElseThrow())));
    }

    Map<AttestationCheck, AttestationFact> facts =
        resolver.resolve(
            NS, PullSecrets.DEFAULT, snapshot, three, Deadline.after(200, TimeUnit.MILLISECONDS));

    assertThat(facts.values())
        .contains(
            new AttestationFact.Unavailable("too many attestation checks are waiting for Grafeas"));
  }

  private Map<AttestationCheck, AttestationFact> resolve(
      AttestationSource source, NamespacePolicies snapshot, AttestationCheck check) {
    return resolve(source, snapshot, Set.of(check), Deadline.after(5, TimeUnit.SECONDS));
  }

  private Map<AttestationCheck, AttestationFact> resolve(
      AttestationSource source,
      NamespacePolicies snapshot,
      Set<AttestationCheck> checks,
      Deadline deadline) {
    if (resolver == null) {
      resolver = resolver(source, VerificationSettings.defaults());
    }
    return resolver.resolve(NS, PullSecrets.DEFAULT, snapshot, checks, deadline);
  }

  private FactResolver resolver(AttestationSource source, VerificationSettings settings) {
    DikastMetrics metrics = new DikastMetrics(registry);
    return new FactResolver(
        new AttestationFactFinder(source, NoBuilds.SOURCE, metrics),
        NoRegistry.finder(metrics),
        RegistryCredentials.NONE,
        cache,
        metrics,
        settings,
        REFRESH_TIMEOUT);
  }

  private double cacheMisses() {
    return registry.get("dikast.verification.cache.misses").counter().count();
  }

  private static Deadline in10s() {
    return Deadline.after(10, TimeUnit.SECONDS);
  }

  private void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Occurrence upload(ImageReference image) {
    byte[] payload = Occurrences.atomicPayload(image);
    Occurrence attestation =
        Occurrences.attestation(QA_NOTE, image, payload, SIGNER.sign(payload), "qa-ec");
    grafeas.upload(attestation);
    return attestation;
  }

  private static ResolvedAuthority qa(List<TrustedKey> keys) {
    return ResolvedAuthority.of(NS, "qa", QA_NOTE, keys, true);
  }

  private static NamespacePolicies snapshot(ResolvedAuthority... authorities) {
    Map<String, ResolvedAuthority> byName = new HashMap<>();
    for (ResolvedAuthority authority : authorities) {
      byName.put(authority.name(), authority);
    }
    return new NamespacePolicies(List.of(), byName);
  }

  private static TrustedKey parse(JcaEcSigner signer, String keyId) {
    try {
      return KeyParser.parsePkix(keyId, signer.publicKeyPem(), "ECDSA_P256_SHA256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
