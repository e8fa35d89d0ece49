package io.dikast.verifier.grafeas;

import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Where the webhook finds attestation occurrences; a bean so tests and benchmarks can swap it. */
public interface AttestationSource {

  /**
   * All ATTESTATION occurrences under {@code noteName} whose resource is {@code image} (a pinned
   * image), read completely before {@code budget} expires.
   *
   * @throws NoteNotFoundException when Grafeas has no such note: nothing can be attested under it
   * @throws BackendUnavailableException when the answer is incomplete for any other reason
   */
  List<Occurrence> attestations(String noteName, ImageReference image, Deadline budget)
      throws BackendUnavailableException, NoteNotFoundException;

  /**
   * {@link #attestations} as a future that fails with its {@link NoteNotFoundException} or {@link
   * BackendUnavailableException}. A source that blocks runs on {@code blocking}; one that can wait
   * without a thread overrides this.
   */
  default CompletableFuture<List<Occurrence>> attestationsAsync(
      String noteName, ImageReference image, Deadline budget, Executor blocking) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return attestations(noteName, image, budget);
          } catch (BackendUnavailableException | NoteNotFoundException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }
}
