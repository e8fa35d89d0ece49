package io.dikast.operator.verification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.dikast.engine.policy.AttestationFact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Verification facts by {@link FactKey}, bounded in size, with separate lifetimes for verified and
 * not-verified facts. Only facts are cached, never decisions: every admission re-evaluates the
 * current policies against them.
 */
@ApplicationScoped
public class VerificationCache {

  private final Cache<FactKey, AttestationFact> facts;

  @Inject
  public VerificationCache(VerificationCacheConfig config) {
    this(config, Ticker.systemTicker());
  }

  public VerificationCache(VerificationCacheConfig config, Ticker ticker) {
    this.facts =
        Caffeine.newBuilder()
            .maximumSize(config.maximumSize())
            .expireAfter(new FactExpiry(config))
            .ticker(ticker)
            // Evictions run on the caller: cheap, and no pool thread outlives the cache.
            .executor(Runnable::run)
            .build();
  }

  public Optional<AttestationFact> get(FactKey key) {
    return Optional.ofNullable(facts.getIfPresent(key));
  }

  /** Keeps {@code fact} unless it is an outage, which must be asked again next time. */
  public void put(FactKey key, AttestationFact fact) {
    if (!(fact instanceof AttestationFact.Unavailable)) {
      facts.put(key, fact);
    }
  }

  /** Drops every fact about the authority, whatever key set or note it was verified with. */
  public void invalidateAuthority(String namespace, String authority) {
    facts.asMap().keySet().removeIf(key -> key.belongsTo(namespace, authority));
  }

  long size() {
    facts.cleanUp();
    return facts.estimatedSize();
  }

  private static final class FactExpiry implements Expiry<FactKey, AttestationFact> {

    private final long positiveNanos;
    private final long negativeNanos;

    FactExpiry(VerificationCacheConfig config) {
      this.positiveNanos = config.positiveTtl().toNanos();
      this.negativeNanos = config.negativeTtl().toNanos();
    }

    @Override
    public long expireAfterCreate(FactKey key, AttestationFact fact, long currentTime) {
      return fact instanceof AttestationFact.Verified ? positiveNanos : negativeNanos;
    }

    @Override
    public long expireAfterUpdate(
        FactKey key, AttestationFact fact, long currentTime, long currentDuration) {
      return expireAfterCreate(key, fact, currentTime);
    }

    @Override
    public long expireAfterRead(
        FactKey key, AttestationFact fact, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
