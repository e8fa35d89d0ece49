package io.dikast.operator.ha;

import java.util.concurrent.CompletableFuture;

/** Leadership states for tests of the leader-only work outside this package. */
public final class Leaderships {

  private static final EventProcessing NO_RECONCILERS =
      new EventProcessing() {
        @Override
        public void resume() {}

        @Override
        public void pause() {}
      };

  private Leaderships() {}

  /** A replica with leader election on that holds no Lease. */
  public static Leadership follower() {
    return new Leadership(true, NO_RECONCILERS, callbacks -> new CompletableFuture<>());
  }

  /** A replica with leader election on that won the Operator SDK's election. */
  public static Leadership leader() {
    Leadership leadership = follower();
    leadership.firstElection().onStartLeading();
    return leadership;
  }
}
