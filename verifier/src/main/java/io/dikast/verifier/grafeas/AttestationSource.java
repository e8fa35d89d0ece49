package io.dikast.verifier.grafeas;

import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import java.util.List;

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
}
