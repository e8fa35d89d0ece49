package io.dikast.verifier.grafeas;

import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Where build provenance is found; a bean so tests can swap it. */
public interface ProvenanceSource {

  /**
   * All BUILD occurrences under {@code noteName} whose resource is {@code image} (a pinned image),
   * read completely before {@code budget} expires.
   *
   * @throws NoteNotFoundException when Grafeas has no such note
   * @throws BackendUnavailableException when the answer is incomplete for any other reason
   */
  List<Occurrence> builds(String noteName, ImageReference image, Deadline budget)
      throws BackendUnavailableException, NoteNotFoundException;

  /**
   * {@link #builds} as a future that fails with its {@link NoteNotFoundException} or {@link
   * BackendUnavailableException}. A source that blocks runs on {@code blocking}.
   */
  default CompletableFuture<List<Occurrence>> buildsAsync(
      String noteName, ImageReference image, Deadline budget, Executor blocking) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return builds(noteName, image, budget);
          } catch (BackendUnavailableException | NoteNotFoundException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }
}
