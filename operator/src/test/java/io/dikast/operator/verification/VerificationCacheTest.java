package io.dikast.operator.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.policy.AttestationFact;
import java.time.Duration;
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
  void keepsVerifiedFactForThePositiveTtl() {
    cache.put(QA, VERIFIED);

    ticker.advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(cache.get(QA)).contains(VERIFIED);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void keepsNotVerifiedFactOnlyForTheNegativeTtl() {
    cache.put(QA, NOT_VERIFIED);

    ticker.advance(Duration.ofSeconds(29));
    assertThat(cache.get(QA)).contains(NOT_VERIFIED);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void readingAFactDoesNotExtendItsLifetime() {
    cache.put(QA, NOT_VERIFIED);

    ticker.advance(Duration.ofSeconds(20));
    assertThat(cache.get(QA)).contains(NOT_VERIFIED);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void replacingANegativeFactWithAPositiveOneGivesItThePositiveTtl() {
    cache.put(QA, NOT_VERIFIED);
    cache.put(QA, VERIFIED);

    ticker.advance(Duration.ofMinutes(5));
    assertThat(cache.get(QA)).contains(VERIFIED);
  }

  @Test
  void neverCachesABackendOutage() {
    cache.put(QA, new AttestationFact.Unavailable("Grafeas at localhost:1 is unavailable"));

    assertThat(cache.get(QA)).isEmpty();
  }

  @Test
  void factOfAnotherKeySetVersionDoesNotAnswer() {
    cache.put(QA, VERIFIED);

    assertThat(cache.get(new FactKey("payments", "qa", QA.noteName(), "v2", IMAGE))).isEmpty();
  }

  @Test
  void factOfAnotherNoteDoesNotAnswer() {
    cache.put(QA, VERIFIED);

    assertThat(cache.get(new FactKey("payments", "qa", "projects/other/notes/qa", "v1", IMAGE)))
        .isEmpty();
  }

  @Test
  void invalidatingAnAuthorityDropsAllItsFactsAndOnlyThose() {
    FactKey olderKeys = new FactKey("payments", "qa", QA.noteName(), "v0", IMAGE);
    FactKey security = new FactKey("payments", "security", QA.noteName(), "v1", IMAGE);
    FactKey qaElsewhere = new FactKey("billing", "qa", QA.noteName(), "v1", IMAGE);
    cache.put(QA, VERIFIED);
    cache.put(olderKeys, VERIFIED);
    cache.put(security, VERIFIED);
    cache.put(qaElsewhere, NOT_VERIFIED);

    cache.invalidateAuthority("payments", "qa");

    assertThat(cache.get(QA)).isEmpty();
    assertThat(cache.get(olderKeys)).isEmpty();
    assertThat(cache.get(security)).contains(VERIFIED);
    assertThat(cache.get(qaElsewhere)).contains(NOT_VERIFIED);
  }

  @Test
  void holdsNoMoreFactsThanItsMaximumSize() {
    VerificationCache small =
        new VerificationCache(
            new CacheSettings(Duration.ofMinutes(10), Duration.ofSeconds(30), 2), ticker);
    for (int i = 0; i < 5; i++) {
      small.put(new FactKey("payments", "qa", QA.noteName(), "v" + i, IMAGE), VERIFIED);
    }

    assertThat(small.size()).isEqualTo(2);
  }
}
