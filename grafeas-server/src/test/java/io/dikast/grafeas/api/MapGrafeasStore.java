package io.dikast.grafeas.api;

import io.dikast.grafeas.store.GrafeasStore;
import io.dikast.grafeas.store.ListQuery;
import io.dikast.grafeas.store.Page;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A map behind the store contract, for unit tests of the service logic only; it serves no filters
 * and pages by offset.
 */
final class MapGrafeasStore implements GrafeasStore {

  final Map<String, Note> notes = new TreeMap<>();
  final Map<String, Occurrence> occurrences = new TreeMap<>();

  @Override
  public Note createNote(Note note) {
    if (notes.containsKey(note.getName())) {
      throw Status.ALREADY_EXISTS.withDescription(note.getName()).asRuntimeException();
    }
    notes.put(note.getName(), note);
    return note;
  }

  @Override
  public List<Note> createNotes(List<Note> batch) {
    batch.stream()
        .filter(n -> notes.containsKey(n.getName()))
        .findFirst()
        .ifPresent(
            n -> {
              throw Status.ALREADY_EXISTS.withDescription(n.getName()).asRuntimeException();
            });
    batch.forEach(this::createNote);
    return batch;
  }

  @Override
  public Optional<Note> getNote(String name) {
    return Optional.ofNullable(notes.get(name));
  }

  @Override
  public Note replaceNote(Note note) {
    if (notes.replace(note.getName(), note) == null) {
      throw Status.NOT_FOUND.asRuntimeException();
    }
    return note;
  }

  @Override
  public boolean deleteNote(String name) {
    return notes.remove(name) != null;
  }

  @Override
  public Occurrence createOccurrence(Occurrence occurrence) {
    occurrences.put(occurrence.getName(), occurrence);
    return occurrence;
  }

  @Override
  public List<Occurrence> createOccurrences(List<Occurrence> batch) {
    batch.forEach(this::createOccurrence);
    return batch;
  }

  @Override
  public Optional<Occurrence> getOccurrence(String name) {
    return Optional.ofNullable(occurrences.get(name));
  }

  @Override
  public Occurrence replaceOccurrence(Occurrence occurrence) {
    if (occurrences.replace(occurrence.getName(), occurrence) == null) {
      throw Status.NOT_FOUND.asRuntimeException();
    }
    return occurrence;
  }

  @Override
  public boolean deleteOccurrence(String name) {
    return occurrences.remove(name) != null;
  }

  @Override
  public Page<Note> listNotes(String parent, ListQuery query) {
    return page(notes, n -> n.getName().startsWith(parent + "/"), query);
  }

  @Override
  public Page<Occurrence> listOccurrences(String parent, ListQuery query) {
    return page(occurrences, o -> o.getName().startsWith(parent + "/"), query);
  }

  @Override
  public Page<Occurrence> listNoteOccurrences(String noteName, ListQuery query) {
    return page(occurrences, o -> o.getNoteName().equals(noteName), query);
  }

  private static <T> Page<T> page(Map<String, T> items, Predicate<T> include, ListQuery query) {
    if (!query.filter().isEmpty()) {
      throw new UnsupportedOperationException("filters are served by the real store");
    }
    List<T> matching = items.values().stream().filter(include).toList();
    int from = query.pageToken().isEmpty() ? 0 : Integer.parseInt(query.pageToken());
    int to = Math.min(matching.size(), from + query.effectivePageSize());
    return new Page<>(matching.subList(from, to), to < matching.size() ? String.valueOf(to) : "");
  }
}
