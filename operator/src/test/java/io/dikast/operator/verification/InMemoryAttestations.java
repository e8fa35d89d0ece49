package io.dikast.operator.verification;

import io.dikast.engine.image.ImageReference;
import io.dikast.verifier.grafeas.AttestationSource;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Occurrences held in memory and selected as Grafeas selects them for the operator: by note, and by
 * resource URI with or without the scheme. For tests of what the webhook does with answers;
 * transport failures are tested against real gRPC servers.
 */
public final class InMemoryAttestations implements AttestationSource {

  private final Set<String> notes = ConcurrentHashMap.newKeySet();
  private final List<Occurrence> occurrences = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  public InMemoryAttestations withNotes(String... names) {
    notes.addAll(List.of(names));
    return this;
  }

  public void upload(Occurrence occurrence) {
    occurrences.add(occurrence);
  }

  /** Revokes an attestation as a user would: its occurrence is deleted. */
  public void delete(Occurrence occurrence) {
    occurrences.remove(occurrence);
  }

  /** Every occurrence under the note, as Grafeas lists a note's occurrences. */
  public List<Occurrence> underNote(String noteName) throws NoteNotFoundException {
    requests.incrementAndGet();
    if (!notes.contains(noteName)) {
      throw new NoteNotFoundException(noteName);
    }
    return occurrences.stream().filter(o -> o.getNoteName().equals(noteName)).toList();
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public List<Occurrence> attestations(String noteName, ImageReference image, Deadline budget)
      throws NoteNotFoundException {
    return underNote(noteName).stream()
        .filter(
            o ->
                o.getResourceUri().equals(image.resourceUri())
                    || o.getResourceUri().equals(image.pinned()))
        .toList();
  }
}
