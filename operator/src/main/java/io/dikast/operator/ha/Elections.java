package io.dikast.operator.ha;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.CompletableFuture;

/** Starts this replica's candidacies for the Lease. */
interface Elections {

  /**
   * Joins a new election: it retries until this replica holds the Lease, calls {@code callbacks}
   * while it leads, and ends when the Lease is lost. Cancelling the future ends it sooner.
   */
  CompletableFuture<?> join(LeaderCallbacks callbacks);
}
