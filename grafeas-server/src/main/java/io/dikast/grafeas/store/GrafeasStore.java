package io.dikast.grafeas.store;

import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of Grafeas v1 notes and occurrences.
 *
 * <p>Names are full resource names ({@code projects/p/notes/n}, {@code projects/p/occurrences/o})
 * and objects are stored with their {@code name} set. A method returns only after the write is
 * durable. Failures are reported as {@link io.grpc.StatusRuntimeException} with the gRPC code the
 * API returns: {@code ALREADY_EXISTS}, {@code NOT_FOUND}, {@code FAILED_PRECONDITION} (an
 * occurrence whose note does not exist), {@code INVALID_ARGUMENT} (a malformed filter or page
 * token, with the position of the error), {@code UNAVAILABLE} (the database cannot be reached).
 */
public interface GrafeasStore {

  Note createNote(Note note);

  /** Creates all or none. */
  List<Note> createNotes(List<Note> notes);

  Optional<Note> getNote(String name);

  /** Replaces a stored note; {@code NOT_FOUND} if there is none. */
  Note replaceNote(Note note);

  /** Returns whether a note was deleted. */
  boolean deleteNote(String name);

  Occurrence createOccurrence(Occurrence occurrence);

  /** Creates all or none. */
  List<Occurrence> createOccurrences(List<Occurrence> occurrences);

  Optional<Occurrence> getOccurrence(String name);

  /** Replaces a stored occurrence; {@code NOT_FOUND} if there is none. */
  Occurrence replaceOccurrence(Occurrence occurrence);

  boolean deleteOccurrence(String name);

  /** Notes of a project ({@code projects/p}). */
  Page<Note> listNotes(String parent, ListQuery query);

  /** Occurrences of a project ({@code projects/p}). */
  Page<Occurrence> listOccurrences(String parent, ListQuery query);

  /** Occurrences of any project that reference the note ({@code projects/p/notes/n}). */
  Page<Occurrence> listNoteOccurrences(String noteName, ListQuery query);
}
