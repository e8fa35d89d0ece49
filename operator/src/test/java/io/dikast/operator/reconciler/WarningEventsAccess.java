package io.dikast.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Builds the real {@link WarningEvents} for tests in other packages, outside CDI. */
public final class WarningEventsAccess {

  private WarningEventsAccess() {}

  public static WarningEvents of(KubernetesClient client) {
    return new WarningEvents(client);
  }
}
