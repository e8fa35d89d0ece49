package io.dikast.operator.admission;

import io.dikast.operator.policyset.PolicySetView;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Waits for what the API server waits for before it sends an admission: a ready replica, whose
 * policy set is loaded, holding the namespace's policies. Waiting for the namespace alone raced
 * with the load monitor (a published policy in a set not yet marked loaded is denied as
 * "starting").
 */
final class PublishedPolicies {

  private PublishedPolicies() {}

  static void await(PolicySetView view, String namespace, Duration patience) {
    Awaitility.await()
        .atMost(patience)
        .until(() -> view.isLoaded() && !view.snapshot(namespace).policies().isEmpty());
  }
}
