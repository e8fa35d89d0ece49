package io.dikast.operator.verification;

import io.grpc.Deadline;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waiting for a decision's lookups without holding a thread. */
final class Answers {

  private Answers() {}

  /**
   * Completes, never exceptionally, once every one of {@code answers} has or when {@code deadline}
   * passes, whichever comes first; the caller reads each answer's own outcome. When all are already
   * done (a warm cache) it is complete at once and no timer is set.
   */
  static CompletableFuture<Void> byDeadline(
      Collection<? extends CompletableFuture<?>> answers, Deadline deadline) {
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .handle((done, failure) -> (Void) null)
        .completeOnTimeout(
            null, Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS)), TimeUnit.NANOSECONDS);
  }
}
