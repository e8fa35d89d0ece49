package io.dikast.grafeas.api;

import com.google.protobuf.Timestamp;
import io.dikast.grafeas.store.GrafeasStore;
import io.dikast.grafeas.store.Page;
import io.grafeas.v1.BatchCreateOccurrencesRequest;
import io.grafeas.v1.BatchCreateOccurrencesResponse;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.DeleteOccurrenceRequest;
import io.grafeas.v1.GetOccurrenceNoteRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grafeas.v1.ListOccurrencesRequest;
import io.grafeas.v1.ListOccurrencesResponse;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.UpdateOccurrenceRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The occurrence RPCs of {@code grafeas.v1.Grafeas}, validated, over a {@link GrafeasStore}. */
public class OccurrenceService {

  private final GrafeasStore store;
  private final Clock clock;

  public OccurrenceService(GrafeasStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Occurrence getOccurrence(GetOccurrenceRequest request) {
    String name = ResourceNames.requireOccurrence("name", request.getName());
    return find(name);
  }

  public ListOccurrencesResponse listOccurrences(ListOccurrencesRequest request) {
    String parent = ResourceNames.requireProject("parent", request.getParent());
    Page<Occurrence> page =
        store.listOccurrences(
            parent,
            ListQueries.of(request.getFilter(), request.getPageSize(), request.getPageToken()));
    return ListOccurrencesResponse.newBuilder()
        .addAllOccurrences(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  public Occurrence createOccurrence(CreateOccurrenceRequest request) {
    String parent = ResourceNames.requireProject("parent", request.getParent());
    if (!request.hasOccurrence()) {
      throw ApiErrors.invalidArgument("occurrence is required");
    }
    return store.createOccurrence(prepareNew(parent, request.getOccurrence(), "occurrence"));
  }

  public BatchCreateOccurrencesResponse batchCreateOccurrences(
      BatchCreateOccurrencesRequest request) {
    String parent = ResourceNames.requireProject("parent", request.getParent());
    int count = request.getOccurrencesCount();
    if (count == 0) {
      throw ApiErrors.invalidArgument("occurrences is required");
    }
    if (count > NoteService.MAX_BATCH_SIZE) {
      throw ApiErrors.invalidArgument(
          "occurrences has "
              + count
              + " entries, more than the limit of "
              + NoteService.MAX_BATCH_SIZE);
    }
    List<Occurrence> occurrences = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      occurrences.add(prepareNew(parent, request.getOccurrences(i), "occurrences[" + i + "]"));
    }
    return BatchCreateOccurrencesResponse.newBuilder()
        .addAllOccurrences(store.createOccurrences(occurrences))
        .build();
  }

  public Occurrence updateOccurrence(UpdateOccurrenceRequest request) {
    String name = ResourceNames.requireOccurrence("name", request.getName());
    if (!request.hasOccurrence()) {
      throw ApiErrors.invalidArgument("occurrence is required");
    }
    Occurrence stored = find(name);
    Occurrence merged =
        UpdateMasks.apply(request.getUpdateMask(), request.getOccurrence(), stored).toBuilder()
            .setKind(request.getOccurrence().getKind())
            .build();
    Occurrence updated =
        validated(merged, "occurrence").toBuilder()
            .setName(name)
            .setCreateTime(stored.getCreateTime())
            .setUpdateTime(now())
            .build();
    return store.replaceOccurrence(updated);
  }

  public void deleteOccurrence(DeleteOccurrenceRequest request) {
    String name = ResourceNames.requireOccurrence("name", request.getName());
    if (!store.deleteOccurrence(name)) {
      throw notFound(name);
    }
  }

  public Note getOccurrenceNote(GetOccurrenceNoteRequest request) {
    String name = ResourceNames.requireOccurrence("name", request.getName());
    String noteName = find(name).getNoteName();
    return store
        .getNote(noteName)
        .orElseThrow(() -> ApiErrors.notFound("note " + noteName + " not found"));
  }

  public ListNoteOccurrencesResponse listNoteOccurrences(ListNoteOccurrencesRequest request) {
    String name = ResourceNames.requireNote("name", request.getName());
    Page<Occurrence> page =
        store.listNoteOccurrences(
            name,
            ListQueries.of(request.getFilter(), request.getPageSize(), request.getPageToken()));
    return ListNoteOccurrencesResponse.newBuilder()
        .addAllOccurrences(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private Occurrence prepareNew(String parent, Occurrence occurrence, String field) {
    Timestamp now = now();
    return validated(occurrence, field).toBuilder()
        .setName(ResourceNames.occurrence(parent, UUID.randomUUID().toString()))
        .setCreateTime(now)
        .setUpdateTime(now)
        .build();
  }

  /** Checks the required fields and takes the kind from the occurrence's note. */
  private Occurrence validated(Occurrence occurrence, String field) {
    if (occurrence.getResourceUri().isBlank()) {
      throw ApiErrors.invalidArgument(field + ".resource_uri is required");
    }
    String noteName = ResourceNames.requireNote(field + ".note_name", occurrence.getNoteName());
    NoteKind details = Kinds.of(occurrence);
    if (details == NoteKind.NOTE_KIND_UNSPECIFIED) {
      throw ApiErrors.invalidArgument(
          field + " must set the details of its kind (attestation, vulnerability, build, ...)");
    }
    Note note =
        store
            .getNote(noteName)
            .orElseThrow(
                () -> ApiErrors.failedPrecondition("note " + noteName + " does not exist"));
    if (details != note.getKind()) {
      throw ApiErrors.invalidArgument(
          field
              + " has "
              + details
              + " details but its note "
              + noteName
              + " is of kind "
              + note.getKind());
    }
    if (occurrence.getKind() != NoteKind.NOTE_KIND_UNSPECIFIED
        && occurrence.getKind() != note.getKind()) {
      throw ApiErrors.invalidArgument(
          field + ".kind is " + occurrence.getKind() + " but its note is " + note.getKind());
    }
    return occurrence.toBuilder().setKind(note.getKind()).build();
  }

  private Occurrence find(String name) {
    return store.getOccurrence(name).orElseThrow(() -> notFound(name));
  }

  private Timestamp now() {
    return Timestamps.of(clock);
  }

  private static RuntimeException notFound(String name) {
    return ApiErrors.notFound("occurrence " + name + " not found");
  }
}
