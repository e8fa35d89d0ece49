package io.dikast.grafeas.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.BatchCreateNotesRequest;
import io.grafeas.v1.BatchCreateOccurrencesRequest;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.DeleteNoteRequest;
import io.grafeas.v1.DeleteOccurrenceRequest;
import io.grafeas.v1.GetNoteRequest;
import io.grafeas.v1.GetOccurrenceNoteRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNotesRequest;
import io.grafeas.v1.ListNotesResponse;
import io.grafeas.v1.ListOccurrencesRequest;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.UpdateNoteRequest;
import io.grafeas.v1.UpdateOccurrenceRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gRPC is served on the HTTP port, so the channel goes to the test HTTP port. */
@QuarkusTest
class GrpcApiTest {

  @TestHTTPResource("/")
  URL url;

  private ManagedChannel channel;
  private GrafeasGrpc.GrafeasBlockingStub grafeas;
  private String project;

  @BeforeEach
  void connect() {
    channel = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
    grafeas = GrafeasGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    project = "projects/grpc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  static Note attestationNote(String hint) {
    return Note.newBuilder()
        .setShortDescription("QA")
        .setAttestation(
            AttestationNote.newBuilder()
                .setHint(AttestationNote.Hint.newBuilder().setHumanReadableName(hint)))
        .build();
  }

  private Note createNote(String id) {
    return grafeas.createNote(
        CreateNoteRequest.newBuilder()
            .setParent(project)
            .setNoteId(id)
            .setNote(attestationNote(id))
            .build());
  }

  private Occurrence occurrence(String noteName, String resourceUri) {
    return Occurrence.newBuilder()
        .setResourceUri(resourceUri)
        .setNoteName(noteName)
        .setAttestation(
            AttestationOccurrence.newBuilder()
                .setSerializedPayload(ByteString.copyFromUtf8(resourceUri)))
        .build();
  }

  private Occurrence createOccurrence(String noteName, String resourceUri) {
    return grafeas.createOccurrence(
        CreateOccurrenceRequest.newBuilder()
            .setParent(project)
            .setOccurrence(occurrence(noteName, resourceUri))
            .build());
  }

  @Test
  void createsGetsUpdatesAndDeletesNote() {
    Note created = createNote("qa");

    assertThat(created.getName()).isEqualTo(project + "/notes/qa");
    assertThat(created.getKind()).isEqualTo(NoteKind.ATTESTATION);
    assertThat(grafeas.getNote(GetNoteRequest.newBuilder().setName(created.getName()).build()))
        .isEqualTo(created);

    Note updated =
        grafeas.updateNote(
            UpdateNoteRequest.newBuilder()
                .setName(created.getName())
                .setNote(Note.newBuilder().setLongDescription("signs after QA"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("long_description"))
                .build());
    assertThat(updated.getLongDescription()).isEqualTo("signs after QA");
    assertThat(updated.getAttestation()).isEqualTo(created.getAttestation());

    grafeas.deleteNote(DeleteNoteRequest.newBuilder().setName(created.getName()).build());
    assertStatus(
        () -> grafeas.getNote(GetNoteRequest.newBuilder().setName(created.getName()).build()),
        Status.Code.NOT_FOUND,
        "note " + created.getName() + " not found");
  }

  @Test
  void batchCreatesNotesAndPagesThroughThem() {
    grafeas.batchCreateNotes(
        BatchCreateNotesRequest.newBuilder()
            .setParent(project)
            .putNotes("a", attestationNote("a"))
            .putNotes("b", attestationNote("b"))
            .putNotes("c", attestationNote("c"))
            .build());

    ListNotesResponse first =
        grafeas.listNotes(ListNotesRequest.newBuilder().setParent(project).setPageSize(2).build());
    ListNotesResponse second =
        grafeas.listNotes(
            ListNotesRequest.newBuilder()
                .setParent(project)
                .setPageSize(2)
                .setPageToken(first.getNextPageToken())
                .build());

    assertThat(first.getNotesList())
        .extracting(Note::getName)
        .containsExactly(project + "/notes/a", project + "/notes/b");
    assertThat(second.getNotesList())
        .extracting(Note::getName)
        .containsExactly(project + "/notes/c");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void createsOccurrenceAndReadsItItsNoteAndTheNotesOccurrences() {
    Note note = createNote("qa");

    Occurrence created = createOccurrence(note.getName(), "https://gcr.io/a@sha256:1");

    assertThat(created.getKind()).isEqualTo(NoteKind.ATTESTATION);
    assertThat(
            grafeas.getOccurrence(
                GetOccurrenceRequest.newBuilder().setName(created.getName()).build()))
        .isEqualTo(created);
    assertThat(
            grafeas.getOccurrenceNote(
                GetOccurrenceNoteRequest.newBuilder().setName(created.getName()).build()))
        .isEqualTo(note);
    assertThat(
            grafeas
                .listNoteOccurrences(
                    ListNoteOccurrencesRequest.newBuilder().setName(note.getName()).build())
                .getOccurrencesList())
        .containsExactly(created);
  }

  @Test
  void batchCreatesOccurrencesAndFiltersThemByResourceAndKind() {
    Note note = createNote("qa");
    grafeas.batchCreateOccurrences(
        BatchCreateOccurrencesRequest.newBuilder()
            .setParent(project)
            .addOccurrences(occurrence(note.getName(), "https://gcr.io/a@sha256:1"))
            .addOccurrences(occurrence(note.getName(), "https://gcr.io/b@sha256:2"))
            .build());

    var byResource =
        grafeas.listOccurrences(
            ListOccurrencesRequest.newBuilder()
                .setParent(project)
                .setFilter("resourceUrl=\"https://gcr.io/b@sha256:2\" AND kind=\"ATTESTATION\"")
                .build());

    assertThat(byResource.getOccurrencesList())
        .extracting(Occurrence::getResourceUri)
        .containsExactly("https://gcr.io/b@sha256:2");
  }

  @Test
  void updatesAndDeletesOccurrence() {
    Note note = createNote("qa");
    Occurrence created = createOccurrence(note.getName(), "https://gcr.io/a@sha256:1");

    Occurrence updated =
        grafeas.updateOccurrence(
            UpdateOccurrenceRequest.newBuilder()
                .setName(created.getName())
                .setOccurrence(Occurrence.newBuilder().setRemediation("rebuild"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("remediation"))
                .build());
    grafeas.deleteOccurrence(
        DeleteOccurrenceRequest.newBuilder().setName(created.getName()).build());

    assertThat(updated)
        .isEqualTo(
            created.toBuilder()
                .setRemediation("rebuild")
                .setUpdateTime(updated.getUpdateTime())
                .build());
    assertStatus(
        () ->
            grafeas.getOccurrence(
                GetOccurrenceRequest.newBuilder().setName(created.getName()).build()),
        Status.Code.NOT_FOUND,
        "occurrence " + created.getName() + " not found");
  }

  @Test
  void acceptsMessagesOfAMebibyteBelowTheDefaultLimit() {
    String description = "x".repeat(1024 * 1024);

    Note created =
        grafeas.createNote(
            CreateNoteRequest.newBuilder()
                .setParent(project)
                .setNoteId("large")
                .setNote(attestationNote("large").toBuilder().setLongDescription(description))
                .build());

    assertThat(created.getLongDescription()).hasSize(1024 * 1024);
  }

  @Test
  void reportsEachErrorWithItsCode() {
    createNote("qa");

    assertStatus(
        () -> createNote("qa"),
        Status.Code.ALREADY_EXISTS,
        "note " + project + "/notes/qa already exists");
    assertStatus(
        () -> createOccurrence(project + "/notes/none", "https://x"),
        Status.Code.FAILED_PRECONDITION,
        "note " + project + "/notes/none does not exist");
    assertStatus(
        () -> createOccurrence(project + "/notes/qa", ""),
        Status.Code.INVALID_ARGUMENT,
        "occurrence.resource_uri is required");
  }

  private static void assertStatus(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      Status.Code code,
      String description) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).isEqualTo(description);
            });
  }
}
