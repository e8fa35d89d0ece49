package io.dikast.grafeas.api;

import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;

/** The kind a note or occurrence has, derived from the kind-specific field it sets. */
final class Kinds {

  private Kinds() {}

  /** The oneof cases are named after the kinds, so the names map one to one. */
  static NoteKind of(Note note) {
    if (note.getTypeCase() == Note.TypeCase.TYPE_NOT_SET) {
      return NoteKind.NOTE_KIND_UNSPECIFIED;
    }
    return NoteKind.valueOf(note.getTypeCase().name());
  }

  static NoteKind of(Occurrence occurrence) {
    if (occurrence.getDetailsCase() == Occurrence.DetailsCase.DETAILS_NOT_SET) {
      return NoteKind.NOTE_KIND_UNSPECIFIED;
    }
    return NoteKind.valueOf(occurrence.getDetailsCase().name());
  }
}
