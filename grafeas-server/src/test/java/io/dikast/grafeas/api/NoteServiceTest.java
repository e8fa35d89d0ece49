package io.dikast.grafeas.api;

import static io.dikast.grafeas.api.GrpcErrors.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.grafeas.v1.AttestationNote;
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
import io.grafeas.v1.VulnerabilityNote;
import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NoteServiceTest {

  private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123Z");
  private static final Instant UPDATED = Instant.parse("2026-02-03T04:05:06Z");

  private final MapGrafeasStore store = new MapGrafeasStore();
  private final NoteService service = serviceAt(CREATED);

  static Note attestationNote(String humanReadableName) {
    return Note.newBuilder()
        .setShortDescription("QA")
        .setAttestation(
            AttestationNote.newBuilder()
                .setHint(AttestationNote.Hint.newBuilder().setHumanReadableName(humanReadableName)))
        .build();
  }

  private NoteService serviceAt(Instant now) {
    return new NoteService(store, Clock.fixed(now, ZoneOffset.UTC));
  }

  private Note create(String id, Note note) {
    return service.createNote(
        CreateNoteRequest.newBuilder()
            .setParent("projects/image-signing")
            .setNoteId(id)
            .setNote(note)
            .build());
  }

  @Test
  void createsNoteWithItsNameKindAndTimes() {
    Note created = create("qa", attestationNote("qa"));

    Timestamp createdAt = timestamp(CREATED);
    assertThat(created)
        .isEqualTo(
            attestationNote("qa").toBuilder()
                .setName("projects/image-signing/notes/qa")
                .setKind(NoteKind.ATTESTATION)
                .setCreateTime(createdAt)
                .setUpdateTime(createdAt)
                .build());
    assertThat(store.notes).containsEntry("projects/image-signing/notes/qa", created);
  }

  @Test
  void rejectsNoteWithoutId() {
    assertStatus(
        () -> create("", attestationNote("qa")),
        Status.Code.INVALID_ARGUMENT,
        "note_id is required");
  }

  @Test
  void rejectsNoteIdWithSlash() {
    assertStatus(
        () -> create("a/b", attestationNote("qa")),
        Status.Code.INVALID_ARGUMENT,
        "note_id must be 1 to 128 letters, digits, '.', '_', '~' or '-', got 'a/b'");
  }

  @Test
  void rejectsMalformedParent() {
    assertStatus(
        () ->
            service.createNote(
                CreateNoteRequest.newBuilder()
                    .setParent("image-signing")
                    .setNoteId("qa")
                    .setNote(attestationNote("qa"))
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "parent must be projects/{project}, got 'image-signing'");
  }

  @Test
  void rejectsNoteWithoutKindSpecificField() {
    assertStatus(
        () -> create("qa", Note.newBuilder().setShortDescription("QA").build()),
        Status.Code.INVALID_ARGUMENT,
        "note must set one kind-specific field (attestation, vulnerability, build, ...)");
  }

  @Test
  void rejectsRequestWithoutNote() {
    assertStatus(
        () ->
            service.createNote(
                CreateNoteRequest.newBuilder()
                    .setParent("projects/image-signing")
                    .setNoteId("qa")
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "note is required");
  }

  @Test
  void rejectsKindThatContradictsTheDetails() {
    assertStatus(
        () -> create("qa", attestationNote("qa").toBuilder().setKind(NoteKind.BUILD).build()),
        Status.Code.INVALID_ARGUMENT,
        "note.kind is BUILD but the note describes ATTESTATION");
  }

  @Test
  void reportsDuplicateNoteAsAlreadyExists() {
    create("qa", attestationNote("qa"));

    assertStatus(
        () -> create("qa", attestationNote("qa")),
        Status.Code.ALREADY_EXISTS,
        "projects/image-signing/notes/qa");
  }

  @Test
  void getsStoredNoteAndReportsMissingOneAsNotFound() {
    Note created = create("qa", attestationNote("qa"));

    assertThat(service.getNote(get("projects/image-signing/notes/qa"))).isEqualTo(created);
    assertStatus(
        () -> service.getNote(get("projects/image-signing/notes/dev")),
        Status.Code.NOT_FOUND,
        "note projects/image-signing/notes/dev not found");
    assertStatus(
        () -> service.getNote(get("projects/image-signing/occurrences/qa")),
        Status.Code.INVALID_ARGUMENT,
        "name must be projects/{project}/notes/{note}, got 'projects/image-signing/occurrences/qa'");
  }

  @Test
  void updateWithMaskReplacesOnlyTheMaskedFields() {
    Note created = create("qa", attestationNote("qa"));
    Note patch =
        attestationNote("ignored").toBuilder()
            .setShortDescription("QA sign-off")
            .setLongDescription("ignored too")
            .build();

    Note updated =
        serviceAt(UPDATED)
            .updateNote(
                UpdateNoteRequest.newBuilder()
                    .setName("projects/image-signing/notes/qa")
                    .setNote(patch)
                    .setUpdateMask(FieldMask.newBuilder().addPaths("short_description"))
                    .build());

    assertThat(updated)
        .isEqualTo(
            created.toBuilder()
                .setShortDescription("QA sign-off")
                .setUpdateTime(timestamp(UPDATED))
                .build());
    assertThat(store.notes.get("projects/image-signing/notes/qa")).isEqualTo(updated);
  }

  @Test
  void updateWithEmptyMaskReplacesTheNoteAndItsKind() {
    Note created = create("cve", attestationNote("qa"));
    Note replacement =
        Note.newBuilder()
            .setShortDescription("a CVE")
            .setVulnerability(VulnerabilityNote.newBuilder().setCvssScore(7.5f))
            .build();

    Note updated =
        serviceAt(UPDATED)
            .updateNote(
                UpdateNoteRequest.newBuilder()
                    .setName("projects/image-signing/notes/cve")
                    .setNote(replacement)
                    .build());

    assertThat(updated)
        .isEqualTo(
            replacement.toBuilder()
                .setName(created.getName())
                .setKind(NoteKind.VULNERABILITY)
                .setCreateTime(created.getCreateTime())
                .setUpdateTime(timestamp(UPDATED))
                .build());
  }

  @Test
  void rejectsUpdateMaskPathThatIsNoNoteField() {
    create("qa", attestationNote("qa"));

    assertStatus(
        () ->
            service.updateNote(
                UpdateNoteRequest.newBuilder()
                    .setName("projects/image-signing/notes/qa")
                    .setNote(attestationNote("qa"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("colour"))
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "update_mask path 'colour' is not a field of Note");
  }

  @Test
  void updateOfMissingNoteIsNotFound() {
    assertStatus(
        () ->
            service.updateNote(
                UpdateNoteRequest.newBuilder()
                    .setName("projects/image-signing/notes/qa")
                    .setNote(attestationNote("qa"))
                    .build()),
        Status.Code.NOT_FOUND,
        "note projects/image-signing/notes/qa not found");
  }

  @Test
  void deletesNoteOnceThenReportsNotFound() {
    create("qa", attestationNote("qa"));
    DeleteNoteRequest delete =
        DeleteNoteRequest.newBuilder().setName("projects/image-signing/notes/qa").build();

    service.deleteNote(delete);

    assertThat(store.notes).isEmpty();
    assertStatus(
        () -> service.deleteNote(delete),
        Status.Code.NOT_FOUND,
        "note projects/image-signing/notes/qa not found");
  }

  @Test
  void batchCreatesNotesNamedByTheirKeys() {
    BatchCreateNotesResponse response =
        service.batchCreateNotes(
            BatchCreateNotesRequest.newBuilder()
                .setParent("projects/image-signing")
                .putNotes("qa", attestationNote("qa"))
                .putNotes("security", attestationNote("security"))
                .build());

    assertThat(response.getNotesList())
        .extracting(Note::getName, Note::getKind)
        .containsExactly(
            tuple("projects/image-signing/notes/qa", NoteKind.ATTESTATION),
            tuple("projects/image-signing/notes/security", NoteKind.ATTESTATION));
  }

  @Test
  void batchCreateNamesTheInvalidEntryAndStoresNothing() {
    assertStatus(
        () ->
            service.batchCreateNotes(
                BatchCreateNotesRequest.newBuilder()
                    .setParent("projects/image-signing")
                    .putNotes("qa", attestationNote("qa"))
                    .putNotes("empty", Note.getDefaultInstance())
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "notes[empty] must set one kind-specific field (attestation, vulnerability, build, ...)");
    assertThat(store.notes).isEmpty();
  }

  @Test
  void batchCreateRequiresNotes() {
    assertStatus(
        () ->
            service.batchCreateNotes(
                BatchCreateNotesRequest.newBuilder().setParent("projects/image-signing").build()),
        Status.Code.INVALID_ARGUMENT,
        "notes is required");
  }

  @Test
  void listsNotesPageByPage() {
    create("a", attestationNote("a"));
    create("b", attestationNote("b"));
    create("c", attestationNote("c"));

    ListNotesResponse first = service.listNotes(list(2, ""));
    ListNotesResponse second = service.listNotes(list(2, first.getNextPageToken()));

    assertThat(first.getNotesList())
        .extracting(Note::getName)
        .containsExactly("projects/image-signing/notes/a", "projects/image-signing/notes/b");
    assertThat(second.getNotesList())
        .extracting(Note::getName)
        .containsExactly("projects/image-signing/notes/c");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void rejectsNegativePageSize() {
    assertStatus(
        () -> service.listNotes(list(-1, "")),
        Status.Code.INVALID_ARGUMENT,
        "page_size must not be negative, got -1");
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  private static GetNoteRequest get(String name) {
    return GetNoteRequest.newBuilder().setName(name).build();
  }

  private static ListNotesRequest list(int pageSize, String pageToken) {
    return ListNotesRequest.newBuilder()
        .setParent("projects/image-signing")
        .setPageSize(pageSize)
        .setPageToken(pageToken)
        .build();
  }
}
