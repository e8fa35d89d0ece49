package io.dikast.operator.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.LastVerified;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {

  private static final String IMAGE =
      "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final FactKey QA =
      new FactKey("payments", "qa", "projects/image-signing/notes/qa", "v1", IMAGE);
  private static final AttestationFact VERIFIED = new AttestationFact.Verified("ABCD");
  private static final AttestationFact NOT_VERIFIED =
      new AttestationFact.NotVerified("no attestation occurrence for this digest");

  private final ManualTicker ticker = new ManualTicker();
  private final VerificationCache cache = new VerificationCache(CacheSettings.defaults(), ticker);

  @Test
  void keepsVerifiedFactForThePositiveTtlOfThirtySeconds() {
    cache.put(QA, VERIFIED);

    ticker.advance(Duration.ofSeconds(29));
    assertThat(fact(QA)).contains(VERIFIED);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void marksAVerifiedFactDueForRefreshOnceOlderThanRefreshAfter() {
    cache.put(QA, VERIFIED);

    ticker.advance(Duration.ofSeconds(10).minusNanos(1));
    assertThat(cache.get(QA)).contains(new VerificationCache.CachedFact(VERIFIED, false));
    ticker.advance(Duration.ofNanos(1));
    assertThat(cache.get(QA)).contains(new VerificationCache.CachedFact(VERIFIED, true));
  }

  @Test
  void neverMarksANotVerifiedFactDueForRefresh() {
    cache.put(QA, NOT_VERIFIED);

    ticker.advance(Duration.ofSeconds(29));
    assertThat(cache.get(QA)).contains(new VerificationCache.CachedFact(NOT_VERIFIED, false));
  }

  @Test
  void aRefreshedFactIsFreshAgain() {
    cache.put(QA, VERIFIED);
    ticker.advance(Duration.ofSeconds(25));

    cache.put(QA, VERIFIED);
    ticker.advance(Duration.ofSeconds(25));

    assertThat(cache.get(QA)).contains(new VerificationCache.CachedFact(VERIFIED, true));
  }

  @Test
  void anOutageDropsTheFactItCouldNotConfirm() {
    cache.put(QA, VERIFIED);
    ticker.advance(Duration.ofSeconds(10));

    cache.put(QA, new AttestationFact.Unavailable("Grafeas at localhost:1 is unavailable"));

    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void remembersTheLastVerificationAndItsAgeBeyondThePositiveTtl() {
    cache.put(QA, VERIFIED);

    ticker.advance(Duration.ofMinutes(4).plusSeconds(12));

    assertThat(cache.get(QA)).isEmpty();
    assertThat(cache.lastVerified(QA))
        .contains(new LastVerified("ABCD", Duration.ofMinutes(4).plusSeconds(12)));
  }

  @Test
  void anOutageKeepsTheLastVerification() {
    cache.put(QA, VERIFIED);
    ticker.advance(Duration.ofSeconds(40));

    cache.put(QA, new AttestationFact.Unavailable("Grafeas at localhost:1 is unavailable"));

    assertThat(cache.lastVerified(QA)).contains(new LastVerified("ABCD", Duration.ofSeconds(40)));
  }

  @Test
  void forgetsTheLastVerificationOnceGrafeasAnswersNotVerified() {
    cache.put(QA, VERIFIED);
    ticker.advance(Duration.ofSeconds(40));

    cache.put(QA, NOT_VERIFIED);

    assertThat(cache.lastVerified(QA)).isEmpty();
  }

  @Test
  void forgetsTheLastVerificationAfterTheStaleFactsMaxAge() {
    cache.put(QA, VERIFIED);

    ticker.advance(Duration.ofHours(1).minusSeconds(1));
    assertThat(cache.lastVerified(QA)).isPresent();
    ticker.advance(Duration.ofSeconds(1));
    assertThat(cache.lastVerified(QA)).isEmpty();
  }

  @Test
  void keepsNoLastVerificationWhenTheStaleFactsMaxAgeIsZero() {
    VerificationCache none =
        new VerificationCache(
            new CacheSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                50,
                Duration.ofSeconds(30),
                Duration.ZERO,
                10_000),
            ticker);

    none.put(QA, VERIFIED);

    assertThat(none.lastVerified(QA)).isEmpty();
  }

  @Test
  void refusesARefreshAfterLongerThanThePositiveTtl() {
    CacheSettings backwards =
        new CacheSettings(
            Duration.ofSeconds(30),
            Duration.ofSeconds(31),
            50,
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            10_000);

    assertThatThrownBy(() -> new VerificationCache(backwards, ticker))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "dikast.cache.refresh-after (PT31S) must not exceed dikast.cache.positive-ttl (PT30S)");
  }

  @Test
  void keepsNotVerifiedFactOnlyForTheNegativeTtl() {
    cache.put(QA, NOT_VERIFIED);

    ticker.advance(Duration.ofSeconds(29));
    assertThat(fact(QA)).contains(NOT_VERIFIED);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void readingAFactDoesNotExtendItsLifetime() {
    cache.put(QA, NOT_VERIFIED);

    ticker.advance(Duration.ofSeconds(20));
    assertThat(fact(QA)).contains(NOT_VERIFIED);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void replacingANegativeFactWithAPositiveOneGivesItThePositiveTtl() {
    VerificationCache briefNegatives =
        new VerificationCache(
            new CacheSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                50,
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                10_000),
            ticker);
    briefNegatives.put(QA, NOT_VERIFIED);
    briefNegatives.put(QA, VERIFIED);

    ticker.advance(Duration.ofSeconds(20));
    assertThat(briefNegatives.get(QA).map(VerificationCache.CachedFact::fact)).contains(VERIFIED);
  }

  @Test
  void neverCachesABackendOutage() {
    cache.put(QA, new AttestationFact.Unavailable("Grafeas at localhost:1 is unavailable"));

    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void factOfAnotherKeySetVersionDoesNotAnswer() {
    cache.put(QA, VERIFIED);

    assertThat(cache.get(new FactKey("payments", "qa", QA.sources(), "v2", IMAGE))).isEmpty();
  }

  @Test
  void factOfAnotherNoteDoesNotAnswer() {
    cache.put(QA, VERIFIED);

    assertThat(cache.get(new FactKey("payments", "qa", "projects/other/notes/qa", "v1", IMAGE)))
        .isEmpty();
  }

  @Test
  void invalidatingAnAuthorityKeepsItsLastVerifications() {
    cache.put(QA, VERIFIED);

    cache.invalidateAuthority("payments", "qa");

    assertThat(cache.get(QA)).isEmpty();
    assertThat(cache.lastVerified(QA)).contains(new LastVerified("ABCD", Duration.ZERO));
  }

  @Test
  void invalidatingAnAuthorityDropsAllItsFactsAndOnlyThose() {
    FactKey olderKeys = new FactKey("payments", "qa", QA.sources(), "v0", IMAGE);
    FactKey security = new FactKey("payments", "security", QA.sources(), "v1", IMAGE);
    FactKey qaElsewhere = new FactKey("billing", "qa", QA.sources(), "v1", IMAGE);
    cache.put(QA, VERIFIED);
    cache.put(olderKeys, VERIFIED);
    cache.put(security, VERIFIED);
    cache.put(qaElsewhere, NOT_VERIFIED);

    cache.invalidateAuthority("payments", "qa");

    assertThat(cache.get(QA)).isEmpty();
    assertThat(cache.get(olderKeys)).isEmpty();
    assertThat(fact(security)).contains(VERIFIED);
    assertThat(fact(qaElsewhere)).contains(NOT_VERIFIED);
  }

  @Test
  void holdsNoMoreFactsThanItsMaximumSize() {
    VerificationCache small =
        new VerificationCache(
            new CacheSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                50,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                2),
            ticker);
    for (int i = 0; i < 5; i++) {
      small.put(new FactKey("payments", "qa", QA.sources(), "v" + i, IMAGE), VERIFIED);
    }

    assertThat(small.size()).isEqualTo(2);
  }

  private Optional<AttestationFact> fact(FactKey key) {
    return cache.get(key).map(VerificationCache.CachedFact::fact);
  }

  @Test
  void spacesBackgroundRefreshesAtTheConfiguredRate() {
    VerificationCache tenPerSecond =
        new VerificationCache(
            new CacheSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                10,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                10_000),
            ticker);

    assertThat(tenPerSecond.claimRefresh()).isTrue();
    assertThat(tenPerSecond.claimRefresh()).isFalse();
    ticker.advance(Duration.ofMillis(100).minusNanos(1));
    assertThat(tenPerSecond.claimRefresh()).isFalse();
    ticker.advance(Duration.ofNanos(1));
    assertThat(tenPerSecond.claimRefresh()).isTrue();
    assertThat(tenPerSecond.claimRefresh()).isFalse();
  }

  @Test
  void refusesARefreshRateThatIsNotPositive() {
    CacheSettings never =
        new CacheSettings(
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            0,
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            10_000);

    assertThatThrownBy(() -> new VerificationCache(never, ticker))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dikast.cache.refreshes-per-second must be positive, was 0.0");
  }
}
