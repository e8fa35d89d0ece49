package io.dikast.operator.verification;

import io.dikast.operator.policyset.PolicySetView;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Drops an authority's cached facts as soon as the reconciler sees its keys change. */
@ApplicationScoped
class CacheInvalidation {

  private final PolicySetView view;
  private final VerificationCache cache;

  CacheInvalidation(PolicySetView view, VerificationCache cache) {
    this.view = view;
    this.cache = cache;
  }

  void register(@Observes StartupEvent startup) {
    view.addListener(change -> cache.invalidateAuthority(change.namespace(), change.name()));
  }
}
