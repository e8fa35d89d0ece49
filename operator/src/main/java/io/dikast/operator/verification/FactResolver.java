package io.dikast.operator.verification;

import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.workload.PullSecrets;
import io.dikast.operator.grafeas.GrafeasClientConfig;
import io.dikast.operator.metrics.DikastMetrics;
import io.dikast.operator.policyset.NamespacePolicies;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.verifier.attestation.AuthorityFacts;
import io.dikast.verifier.attestation.EitherSource;
import io.dikast.verifier.registry.RegistryCredentials;
import io.grpc.Deadline;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Answers a decision's attestation and provenance checks: from the namespace's authorities, the
 * cache, or Grafeas (provenance only from Grafeas, under the authority's note). Every check of a
 * decision is asked at once, without a thread waiting for Grafeas (a hung Grafeas costs a 100-image
 * pod one call timeout, not one per pool thread's turn); at most {@code dikast.verification.threads
 * + queue} checks wait for Grafeas across all admissions, so a burst puts a bounded load on it. All
 * run under the admission's deadline; a check without an answer when the deadline passes is {@link
 * AttestationFact.Unavailable}, never a success, and carries the check's last verification for
 * policies that may count it.
 *
 * <p>A verified fact due for refresh is answered from the cache and asked again in the background,
 * once per key at a time, under its own deadline ({@code dikast.grafeas.call-timeout}) and at most
 * {@code dikast.cache.refreshes-per-second}, so a revoked attestation is seen without any admission
 * waiting for Grafeas, and facts falling due together are not all asked for at once.
 */
@ApplicationScoped
public class FactResolver {

  private static final Logger LOG = Logger.getLogger(FactResolver.class);

  private final AttestationFactFinder finder;
  private final CosignFactFinder cosign;
  private final RegistryCredentials credentials;
  private final VerificationCache cache;
  private final DikastMetrics metrics;
  private final ThreadPoolExecutor executor;
  private final Semaphore waiting;
  private final Duration refreshTimeout;
  private final Map<FactKey, CompletableFuture<AttestationFact>> inFlight =
      new ConcurrentHashMap<>();

  @Inject
  public FactResolver(
      AttestationFactFinder finder,
      CosignFactFinder cosign,
      RegistryCredentials credentials,
      VerificationCache cache,
      DikastMetrics metrics,
      VerificationConfig config,
      GrafeasClientConfig grafeas) {
    this(finder, cosign, credentials, cache, metrics, config, grafeas.callTimeout());
  }

  /**
   * @param cosign reads the signatures of authorities with a cosign source
   * @param credentials the registry credentials those lookups may use
   * @param refreshTimeout the deadline of a background refresh
   */
  public FactResolver(
      AttestationFactFinder finder,
      CosignFactFinder cosign,
      RegistryCredentials credentials,
      VerificationCache cache,
      DikastMetrics metrics,
      VerificationConfig config,
      Duration refreshTimeout) {
    this.finder = finder;
    this.cosign = cosign;
    this.credentials = credentials;
    this.cache = cache;
    this.metrics = metrics;
    this.executor = VerificationPool.create(config, "dikast-verify-");
    // As many as the pool can hold, so a source that blocks is never refused by the pool itself.
    this.waiting = new Semaphore(config.threads() + config.queue());
    this.refreshTimeout = refreshTimeout;
  }

  /**
   * The fact for every check, in the checks' order; waits until the last answer or {@code
   * deadline}.
   *
   * @param namespace the namespace whose authorities {@code snapshot} holds, for messages
   * @param pullSecrets the workload's registry credentials, for cosign lookups
   */
  public Map<AttestationCheck, AttestationFact> resolve(
      String namespace,
      PullSecrets pullSecrets,
      NamespacePolicies snapshot,
      Set<AttestationCheck> checks,
      Deadline deadline) {
    return resolveAsync(namespace, pullSecrets, snapshot, checks, deadline).join();
  }

  /**
   * As {@link #resolve}, without a thread waiting: complete at once when every fact is cached, so a
   * warm admission is decided on the thread that received it.
   */
  public CompletableFuture<Map<AttestationCheck, AttestationFact>> resolveAsync(
      String namespace,
      PullSecrets pullSecrets,
      NamespacePolicies snapshot,
      Set<AttestationCheck> checks,
      Deadline deadline) {
    Map<AttestationCheck, Lookup> pending = new LinkedHashMap<>();
    for (AttestationCheck check : checks) {
      pending.put(check, start(namespace, pullSecrets, snapshot, check, deadline));
    }
    return Answers.byDeadline(pending.values().stream().map(Lookup::answer).toList(), deadline)
        .thenApply(
            done -> {
              Map<AttestationCheck, AttestationFact> facts = new LinkedHashMap<>();
              pending.forEach(
                  (check, lookup) ->
                      facts.put(
                          check,
                          withLastVerified(
                              lookup.key(), outcome(lookup.answer(), lookup.backends()))));
              return facts;
            });
  }

  private Lookup start(
      String namespace,
      PullSecrets pullSecrets,
      NamespacePolicies snapshot,
      AttestationCheck check,
      Deadline deadline) {
    ResolvedAuthority authority = snapshot.authority(check.authorityName()).orElse(null);
    if (authority == null) {
      return Lookup.known(undefined(check.authorityName(), namespace));
    }
    if (authority.keys().isEmpty()) {
      return Lookup.known(AuthorityFacts.withoutKeys(authority.name(), authority.ready()));
    }
    FactKey key = key(authority, check);
    return new Lookup(
        Optional.of(key),
        cachedOrVerified(key, authority, check, pullSecrets, deadline),
        check.kind() == AttestationCheck.Kind.PROVENANCE ? "Grafeas" : backends(authority));
  }

  /**
   * How many of {@code checks} {@link #resolve} would ask Grafeas about now: those of a defined
   * authority with keys whose fact is not cached. Continuous validation paces only these, so a pass
   * over pods whose facts are warm takes no Grafeas budget.
   */
  public int uncached(NamespacePolicies snapshot, Set<AttestationCheck> checks) {
    int asking = 0;
    for (AttestationCheck check : checks) {
      ResolvedAuthority authority = snapshot.authority(check.authorityName()).orElse(null);
      if (authority != null
          && !authority.keys().isEmpty()
          && cache.get(key(authority, check)).isEmpty()) {
        asking++;
      }
    }
    return asking;
  }

  /** A cluster policy names {@code <namespace>/<name>}: the authority is missing there. */
  private static AttestationFact undefined(String authorityName, String namespace) {
    int slash = authorityName.indexOf('/');
    return slash < 0
        ? AuthorityFacts.undefined(authorityName, namespace)
        : AuthorityFacts.undefined(
            authorityName.substring(slash + 1), authorityName.substring(0, slash));
  }

  private static FactKey key(ResolvedAuthority authority, AttestationCheck check) {
    return new FactKey(
        authority.namespace(),
        authority.name(),
        authority.signatureSources(),
        authority.keySetVersion(),
        check.image().pinned(),
        check.kind());
  }

  private CompletableFuture<AttestationFact> cachedOrVerified(
      FactKey key,
      ResolvedAuthority authority,
      AttestationCheck check,
      PullSecrets pullSecrets,
      Deadline deadline) {
    VerificationCache.CachedFact cached = cache.get(key).orElse(null);
    if (cached != null) {
      metrics.cacheHit();
      if (cached.refreshDue() && cache.claimRefresh()) {
        ask(
            key,
            authority,
            check,
            pullSecrets,
            Deadline.after(refreshTimeout.toNanos(), TimeUnit.NANOSECONDS));
      }
      return CompletableFuture.completedFuture(cached.fact());
    }
    metrics.cacheMiss();
    return ask(key, authority, check, pullSecrets, deadline);
  }

  /**
   * Asks the authority's sources, or joins the request already asking for the same key: pods of one
   * ReplicaSet arrive together and share one request per check.
   */
  private CompletableFuture<AttestationFact> ask(
      FactKey key,
      ResolvedAuthority authority,
      AttestationCheck check,
      PullSecrets pullSecrets,
      Deadline deadline) {
    CompletableFuture<AttestationFact> mine = new CompletableFuture<>();
    CompletableFuture<AttestationFact> shared = inFlight.putIfAbsent(key, mine);
    if (shared != null) {
      return shared;
    }
    if (!waiting.tryAcquire()) {
      inFlight.remove(key, mine);
      mine.complete(
          new AttestationFact.Unavailable("too many attestation checks are waiting for Grafeas"));
      return mine;
    }
    CompletableFuture<AttestationFact> asked;
    try {
      asked = sources(authority, check, pullSecrets, deadline);
    } catch (RuntimeException e) {
      asked = CompletableFuture.failedFuture(e);
    }
    asked.whenComplete(
        (fact, failure) -> {
          waiting.release();
          if (failure == null) {
            cache.put(key, fact);
          }
          // Leave the in-flight map first: a caller that sees this answer must never join it later.
          inFlight.remove(key, mine);
          if (failure == null) {
            mine.complete(fact);
          } else {
            mine.completeExceptionally(failure);
          }
        });
    return mine;
  }

  private CompletableFuture<AttestationFact> sources(
      ResolvedAuthority authority,
      AttestationCheck check,
      PullSecrets pullSecrets,
      Deadline deadline) {
    if (check.kind() == AttestationCheck.Kind.PROVENANCE) {
      return authority.hasNote()
          ? finder.findProvenanceAsync(
              authority.noteName(), authority.keys(), check.image(), deadline, executor)
          : CompletableFuture.completedFuture(AuthorityFacts.withoutNote(authority.name()));
    }
    Optional<CompletableFuture<AttestationFact>> grafeas =
        authority.hasNote()
            ? Optional.of(
                finder.findAsync(
                    authority.noteName(), authority.keys(), check.image(), deadline, executor))
            : Optional.empty();
    Optional<CompletableFuture<AttestationFact>> registry =
        authority
            .cosign()
            .map(
                settings ->
                    cosign.findAsync(
                        settings.lookup(
                            check.image(), authority.namespace(), pullSecrets, credentials),
                        authority.keys(),
                        deadline,
                        executor));
    if (grafeas.isPresent() && registry.isPresent()) {
      return eitherVerified(grafeas.get(), registry.get());
    }
    return grafeas
        .or(() -> registry)
        .orElseGet(
            () ->
                CompletableFuture.completedFuture(AuthorityFacts.withoutSource(authority.name())));
  }

  /**
   * {@link EitherSource#combine} of both answers, or the first verified one as soon as it arrives:
   * a verified Grafeas attestation never waits for a slow registry.
   */
  private static CompletableFuture<AttestationFact> eitherVerified(
      CompletableFuture<AttestationFact> grafeas, CompletableFuture<AttestationFact> registry) {
    CompletableFuture<AttestationFact> first = new CompletableFuture<>();
    for (CompletableFuture<AttestationFact> answer : List.of(grafeas, registry)) {
      answer.thenAccept(
          fact -> {
            if (fact instanceof AttestationFact.Verified) {
              first.complete(fact);
            }
          });
    }
    grafeas
        .thenCombine(registry, EitherSource::combine)
        .whenComplete(
            (fact, failure) -> {
              if (failure == null) {
                first.complete(fact);
              } else {
                first.completeExceptionally(failure);
              }
            });
    return first;
  }

  private static String backends(ResolvedAuthority authority) {
    if (authority.cosign().isEmpty()) {
      return "Grafeas";
    }
    return authority.hasNote() ? "Grafeas or the registry" : "the registry";
  }

  private AttestationFact withLastVerified(Optional<FactKey> key, AttestationFact fact) {
    if (fact instanceof AttestationFact.Unavailable outage) {
      return key.flatMap(cache::lastVerified).map(outage::withLastVerified).orElse(outage);
    }
    return fact;
  }

  private static AttestationFact outcome(
      CompletableFuture<AttestationFact> future, String backends) {
    if (!future.isDone()) {
      return new AttestationFact.Unavailable(
          "no answer from " + backends + " within the admission budget");
    }
    try {
      return future.join();
    } catch (RuntimeException e) {
      LOG.errorf(e, "attestation check failed unexpectedly");
      return new AttestationFact.NotVerified(
          "attestation could not be verified: " + e.getClass().getSimpleName());
    }
  }

  @PreDestroy
  public void close() {
    executor.shutdownNow();
  }

  /**
   * One check under way; {@code key} is empty when the answer needs no cache.
   *
   * @param backends who is asked, for the message of an answer that does not arrive
   */
  private record Lookup(
      Optional<FactKey> key, CompletableFuture<AttestationFact> answer, String backends) {

    static Lookup known(AttestationFact fact) {
      return new Lookup(Optional.empty(), CompletableFuture.completedFuture(fact), "");
    }
  }
}
