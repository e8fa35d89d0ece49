package io.dikast.grafeas.store;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the {@link GrafeasStore} of the configured type a bean, migrating its schema when the
 * application starts so a misconfigured database fails the start rather than the first request.
 */
@ApplicationScoped
public class GrafeasStoreProducer {

  @Produces
  @Singleton
  @Startup
  JdbcGrafeasStore grafeasStore(StorageConfig config) {
    return JdbcGrafeasStore.open(StorageDataSources.create(config));
  }

  void close(@Disposes JdbcGrafeasStore store) {
    store.close();
  }
}
