package io.dikast.operator.verification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.LastVerified;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verification facts by {@link FactKey}, bounded in size, with separate lifetimes for verified and
 * not-verified facts. Only facts are cached, never decisions: every admission re-evaluates the
 * current policies against them.
 *
 * <p>Beside the facts it keeps the last verification of each key for {@code staleFactsMaxAge}: it
 * answers nothing by itself, and is only handed to the engine with an outage, for policies that say
 * {@code onBackendUnavailable: UseCachedFacts}. Grafeas answering "not verified" removes it.
 */
@ApplicationScoped
@Startup // A bad dikast.cache.* combination stops the operator at boot, not at the first admission.
public class VerificationCache {

  private final Cache<FactKey, Entry> facts;
  private final Cache<FactKey, Entry> lastVerified;
  private final Ticker ticker;
  private final long refreshAfterNanos;
  private final long nanosPerRefresh;
  // Ticker time from which the next background refresh may start; MIN_VALUE until the first.
  private final AtomicLong nextRefresh = new AtomicLong(Long.MIN_VALUE);

  @Inject
  public VerificationCache(VerificationCacheConfig config) {
    this(config, Ticker.systemTicker());
  }

  public VerificationCache(VerificationCacheConfig config, Ticker ticker) {
    if (config.refreshAfter().compareTo(config.positiveTtl()) > 0) {
      throw new IllegalArgumentException(
          "dikast.cache.refresh-after (%s) must not exceed dikast.cache.positive-ttl (%s)"
              .formatted(config.refreshAfter(), config.positiveTtl()));
    }
    if (!(config.refreshesPerSecond() > 0)) {
      throw new IllegalArgumentException(
          "dikast.cache.refreshes-per-second must be positive, was " + config.refreshesPerSecond());
    }
    this.ticker = ticker;
    this.refreshAfterNanos = config.refreshAfter().toNanos();
    this.nanosPerRefresh = (long) (1_000_000_000L / config.refreshesPerSecond());
    this.facts =
        Caffeine.newBuilder()
            .maximumSize(config.maximumSize())
            .expireAfter(new FactExpiry(config))
            .ticker(ticker)
            // Evictions run on the caller: cheap, and no pool thread outlives the cache.
            .executor(Runnable::run)
            .build();
    this.lastVerified =
        Caffeine.newBuilder()
            .maximumSize(config.maximumSize())
            .expireAfterWrite(config.staleFactsMaxAge())
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /** The fact for {@code key}, while it lives. */
  public Optional<CachedFact> get(FactKey key) {
    Entry entry = facts.getIfPresent(key);
    if (entry == null) {
      return Optional.empty();
    }
    boolean refreshDue =
        entry.fact() instanceof AttestationFact.Verified
            && ticker.read() - entry.storedAt() >= refreshAfterNanos;
    return Optional.of(new CachedFact(entry.fact(), refreshDue));
  }

  /**
   * Claims the slot for one background refresh: true at most {@code refreshes-per-second} times a
   * second, evenly spaced; false means the due fact is served from the cache without a refresh.
   */
  public boolean claimRefresh() {
    long now = ticker.read();
    long next = nextRefresh.get();
    if (next != Long.MIN_VALUE && now - next < 0) {
      return false;
    }
    return nextRefresh.compareAndSet(next, now + nanosPerRefresh);
  }

  /**
   * Records what Grafeas answered. A verified fact is kept, and remembered as the last
   * verification; a not-verified one is kept and forgets the last verification, so a revoked
   * attestation never answers again; an outage is never kept, and drops the fact it could not
   * confirm, so the next admission asks Grafeas itself.
   */
  public void put(FactKey key, AttestationFact fact) {
    if (fact instanceof AttestationFact.Unavailable) {
      facts.invalidate(key);
      return;
    }
    Entry entry = new Entry(fact, ticker.read());
    facts.put(key, entry);
    if (fact instanceof AttestationFact.Verified) {
      lastVerified.put(key, entry);
    } else {
      lastVerified.invalidate(key);
    }
  }

  /** The last verification of {@code key} and its age, kept for outages. */
  public Optional<LastVerified> lastVerified(FactKey key) {
    Entry entry = lastVerified.getIfPresent(key);
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.of(
        new LastVerified(
            ((AttestationFact.Verified) entry.fact()).keyId(),
            Duration.ofNanos(ticker.read() - entry.storedAt())));
  }

  /**
   * Drops every fact about the authority, whatever key set or note it was verified with, so the
   * next check asks Grafeas. Last verifications stay: they answer only during an outage, and one
   * made with another key set or note can never match the authority's current key.
   */
  public void invalidateAuthority(String namespace, String authority) {
    facts.asMap().keySet().removeIf(key -> key.belongsTo(namespace, authority));
  }

  long size() {
    facts.cleanUp();
    return facts.estimatedSize();
  }

  /**
   * A cached fact; {@code refreshDue} when it is verified and older than {@code refresh-after}, so
   * the caller should ask Grafeas again without waiting for the answer.
   */
  public record CachedFact(AttestationFact fact, boolean refreshDue) {}

  private record Entry(AttestationFact fact, long storedAt) {}

  private static final class FactExpiry implements Expiry<FactKey, Entry> {

    private final long positiveNanos;
    private final long negativeNanos;

    FactExpiry(VerificationCacheConfig config) {
      this.positiveNanos = config.positiveTtl().toNanos();
      this.negativeNanos = config.negativeTtl().toNanos();
    }

    @Override
    public long expireAfterCreate(FactKey key, Entry entry, long currentTime) {
      return entry.fact() instanceof AttestationFact.Verified ? positiveNanos : negativeNanos;
    }

    @Override
    public long expireAfterUpdate(
        FactKey key, Entry entry, long currentTime, long currentDuration) {
      return expireAfterCreate(key, entry, currentTime);
    }

    @Override
    public long expireAfterRead(FactKey key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
