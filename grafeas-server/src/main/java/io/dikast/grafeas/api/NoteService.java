package io.dikast.grafeas.api;

import com.google.protobuf.Timestamp;
import io.dikast.grafeas.store.GrafeasStore;
import io.dikast.grafeas.store.Page;
import io.grafeas.v1.BatchCreateNotesRequest;
import io.grafeas.v1.BatchCreateNotesResponse;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.DeleteNoteRequest;
import io.grafeas.v1.GetNoteRequest;
import io.grafeas.v1.ListNotesRequest;
import io.grafeas.v1.ListNotesResponse;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.UpdateNoteRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The note RPCs of {@code grafeas.v1.Grafeas}, validated, over a {@link GrafeasStore}. */
public class NoteService {

  /** The limit Grafeas documents for batch creates. */
  static final int MAX_BATCH_SIZE = 1000;

  private final GrafeasStore store;
  private final Clock clock;

  public NoteService(GrafeasStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Note getNote(GetNoteRequest request) {
    String name = ResourceNames.requireNote("name", request.getName());
    return store.getNote(name).orElseThrow(() -> notFound(name));
  }

  public ListNotesResponse listNotes(ListNotesRequest request) {
    String parent = ResourceNames.requireProject("parent", request.getParent());
    Page<Note> page =
        store.listNotes(
            parent,
            ListQueries.of(request.getFilter(), request.getPageSize(), request.getPageToken()));
    return ListNotesResponse.newBuilder()
        .addAllNotes(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  public Note createNote(CreateNoteRequest request) {
    String parent = ResourceNames.requireProject("parent", request.getParent());
    String noteId = ResourceNames.requireId("note_id", request.getNoteId());
    if (!request.hasNote()) {
      throw ApiErrors.invalidArgument("note is required");
    }
    return store.createNote(prepareNew(parent, noteId, request.getNote(), "note"));
  }

  public BatchCreateNotesResponse batchCreateNotes(BatchCreateNotesRequest request) {
    String parent = ResourceNames.requireProject("parent", request.getParent());
    Map<String, Note> byId = new TreeMap<>(request.getNotesMap());
    if (byId.isEmpty()) {
      throw ApiErrors.invalidArgument("notes is required");
    }
    if (byId.size() > MAX_BATCH_SIZE) {
      throw ApiErrors.invalidArgument(
          "notes has " + byId.size() + " entries, more than the limit of " + MAX_BATCH_SIZE);
    }
    List<Note> notes = new ArrayList<>(byId.size());
    byId.forEach(
        (id, note) -> {
          String field = "notes[" + id + "]";
          notes.add(prepareNew(parent, ResourceNames.requireId(field + " key", id), note, field));
        });
    return BatchCreateNotesResponse.newBuilder().addAllNotes(store.createNotes(notes)).build();
  }

  public Note updateNote(UpdateNoteRequest request) {
    String name = ResourceNames.requireNote("name", request.getName());
    if (!request.hasNote()) {
      throw ApiErrors.invalidArgument("note is required");
    }
    Note stored = store.getNote(name).orElseThrow(() -> notFound(name));
    Note merged = UpdateMasks.apply(request.getUpdateMask(), request.getNote(), stored);
    Note updated =
        withKind(merged.toBuilder().setKind(request.getNote().getKind()).build(), "note")
            .toBuilder()
            .setName(name)
            .setCreateTime(stored.getCreateTime())
            .setUpdateTime(now())
            .build();
    return store.replaceNote(updated);
  }

  public void deleteNote(DeleteNoteRequest request) {
    String name = ResourceNames.requireNote("name", request.getName());
    if (!store.deleteNote(name)) {
      throw notFound(name);
    }
  }

  private Note prepareNew(String parent, String noteId, Note note, String field) {
    Timestamp now = now();
    return withKind(note, field).toBuilder()
        .setName(ResourceNames.note(parent, noteId))
        .setCreateTime(now)
        .setUpdateTime(now)
        .build();
  }

  private static Note withKind(Note note, String field) {
    NoteKind kind = Kinds.of(note);
    if (kind == NoteKind.NOTE_KIND_UNSPECIFIED) {
      throw ApiErrors.invalidArgument(
          field + " must set one kind-specific field (attestation, vulnerability, build, ...)");
    }
    if (note.getKind() != NoteKind.NOTE_KIND_UNSPECIFIED && note.getKind() != kind) {
      throw ApiErrors.invalidArgument(
          field + ".kind is " + note.getKind() + " but the note describes " + kind);
    }
    return note.toBuilder().setKind(kind).build();
  }

  private Timestamp now() {
    return Timestamps.of(clock);
  }

  private static RuntimeException notFound(String name) {
    return ApiErrors.notFound("note " + name + " not found");
  }
}
