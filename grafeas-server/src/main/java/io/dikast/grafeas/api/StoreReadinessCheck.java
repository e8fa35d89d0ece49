package io.dikast.grafeas.api;

import io.dikast.grafeas.store.GrafeasStore;
import io.dikast.grafeas.store.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the store answers a query. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

  private static final String PROBE_PROJECT = "projects/dikast-readiness";

  private final GrafeasStore store;

  public StoreReadinessCheck(GrafeasStore store) {
    this.store = store;
  }

  @Override
  public HealthCheckResponse call() {
    try {
      store.listNotes(PROBE_PROJECT, new ListQuery("", 1, ""));
      return HealthCheckResponse.up("grafeas-store");
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("grafeas-store")
          .down()
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
