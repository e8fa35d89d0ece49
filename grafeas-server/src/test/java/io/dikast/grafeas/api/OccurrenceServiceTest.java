package io.dikast.grafeas.api;

import static io.dikast.grafeas.api.GrpcErrors.assertStatus;
import static io.dikast.grafeas.api.NoteServiceTest.attestationNote;
import static io.dikast.grafeas.api.NoteServiceTest.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.BatchCreateOccurrencesRequest;
import io.grafeas.v1.BuildOccurrence;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.DeleteOccurrenceRequest;
import io.grafeas.v1.GetOccurrenceNoteRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListOccurrencesRequest;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.UpdateOccurrenceRequest;
import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OccurrenceServiceTest {

  private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
  private static final Instant UPDATED = Instant.parse("2026-02-03T04:05:06Z");
  private static final String NOTE = "projects/image-signing/notes/qa";
  private static final String IMAGE =
      "https://gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";

  private final MapGrafeasStore store = new MapGrafeasStore();
  private final OccurrenceService service = serviceAt(CREATED);
  private Note note;

  @BeforeEach
  void createNote() {
    note =
        new NoteService(store, Clock.fixed(CREATED, ZoneOffset.UTC))
            .createNote(
                CreateNoteRequest.newBuilder()
                    .setParent("projects/image-signing")
                    .setNoteId("qa")
                    .setNote(attestationNote("qa"))
                    .build());
  }

  private OccurrenceService serviceAt(Instant now) {
    return new OccurrenceService(store, Clock.fixed(now, ZoneOffset.UTC));
  }

  static Occurrence attestation(String resourceUri, String payload) {
    return Occurrence.newBuilder()
        .setResourceUri(resourceUri)
        .setNoteName(NOTE)
        .setAttestation(
            AttestationOccurrence.newBuilder()
                .setSerializedPayload(ByteString.copyFromUtf8(payload)))
        .build();
  }

  private Occurrence create(Occurrence occurrence) {
    return service.createOccurrence(
        CreateOccurrenceRequest.newBuilder()
            .setParent("projects/payments")
            .setOccurrence(occurrence)
            .build());
  }

  @Test
  void createsOccurrenceWithGeneratedIdAndTheKindOfItsNote() {
    Occurrence created = create(attestation(IMAGE, "payload"));

    assertThat(created.getName())
        .matches(
            "projects/payments/occurrences/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(created)
        .isEqualTo(
            attestation(IMAGE, "payload").toBuilder()
                .setName(created.getName())
                .setKind(NoteKind.ATTESTATION)
                .setCreateTime(timestamp(CREATED))
                .setUpdateTime(timestamp(CREATED))
                .build());
    assertThat(store.occurrences).containsEntry(created.getName(), created);
  }

  @Test
  void ignoresTheNameAClientSends() {
    Occurrence created =
        create(attestation(IMAGE, "p").toBuilder().setName("projects/x/occurrences/mine").build());

    assertThat(created.getName())
        .startsWith("projects/payments/occurrences/")
        .doesNotEndWith("mine");
  }

  @Test
  void requiresResourceUri() {
    assertStatus(
        () -> create(attestation("", "p")),
        Status.Code.INVALID_ARGUMENT,
        "occurrence.resource_uri is required");
  }

  @Test
  void requiresNoteName() {
    assertStatus(
        () -> create(attestation(IMAGE, "p").toBuilder().clearNoteName().build()),
        Status.Code.INVALID_ARGUMENT,
        "occurrence.note_name is required");
  }

  @Test
  void rejectsMalformedNoteName() {
    assertStatus(
        () -> create(attestation(IMAGE, "p").toBuilder().setNoteName("qa").build()),
        Status.Code.INVALID_ARGUMENT,
        "occurrence.note_name must be projects/{project}/notes/{note}, got 'qa'");
  }

  @Test
  void requiresKindSpecificDetails() {
    assertStatus(
        () -> create(attestation(IMAGE, "p").toBuilder().clearAttestation().build()),
        Status.Code.INVALID_ARGUMENT,
        "occurrence must set the details of its kind (attestation, vulnerability, build, ...)");
  }

  @Test
  void failsPreconditionWhenTheNoteDoesNotExist() {
    assertStatus(
        () ->
            create(
                attestation(IMAGE, "p").toBuilder()
                    .setNoteName("projects/image-signing/notes/dev")
                    .build()),
        Status.Code.FAILED_PRECONDITION,
        "note projects/image-signing/notes/dev does not exist");
  }

  @Test
  void rejectsDetailsOfAnotherKindThanTheNote() {
    assertStatus(
        () ->
            create(
                attestation(IMAGE, "p").toBuilder()
                    .setBuild(BuildOccurrence.getDefaultInstance())
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "occurrence has BUILD details but its note projects/image-signing/notes/qa is of kind"
            + " ATTESTATION");
  }

  @Test
  void rejectsMalformedParent() {
    assertStatus(
        () ->
            service.createOccurrence(
                CreateOccurrenceRequest.newBuilder()
                    .setParent("projects/a/b")
                    .setOccurrence(attestation(IMAGE, "p"))
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "parent must be projects/{project}, got 'projects/a/b'");
  }

  @Test
  void batchCreateNamesTheInvalidEntryByIndexAndStoresNothing() {
    assertStatus(
        () ->
            service.batchCreateOccurrences(
                BatchCreateOccurrencesRequest.newBuilder()
                    .setParent("projects/payments")
                    .addOccurrences(attestation(IMAGE, "p"))
                    .addOccurrences(attestation("", "p"))
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "occurrences[1].resource_uri is required");
    assertThat(store.occurrences).isEmpty();
  }

  @Test
  void batchCreatesEveryOccurrence() {
    var response =
        service.batchCreateOccurrences(
            BatchCreateOccurrencesRequest.newBuilder()
                .setParent("projects/payments")
                .addOccurrences(attestation(IMAGE, "a"))
                .addOccurrences(attestation(IMAGE, "b"))
                .build());

    assertThat(response.getOccurrencesList())
        .extracting(o -> o.getAttestation().getSerializedPayload().toStringUtf8())
        .containsExactly("a", "b");
    assertThat(store.occurrences).hasSize(2);
  }

  @Test
  void updateWithMaskReplacesTheMaskedFieldsAndKeepsCreateTime() {
    Occurrence created = create(attestation(IMAGE, "old"));

    Occurrence updated =
        serviceAt(UPDATED)
            .updateOccurrence(
                UpdateOccurrenceRequest.newBuilder()
                    .setName(created.getName())
                    .setOccurrence(
                        attestation("https://ignored", "new").toBuilder().setRemediation("none"))
                    .setUpdateMask(
                        FieldMask.newBuilder().addPaths("attestation").addPaths("remediation"))
                    .build());

    assertThat(updated)
        .isEqualTo(
            created.toBuilder()
                .setAttestation(
                    AttestationOccurrence.newBuilder()
                        .setSerializedPayload(ByteString.copyFromUtf8("new")))
                .setRemediation("none")
                .setUpdateTime(timestamp(UPDATED))
                .build());
  }

  @Test
  void updateToAMissingNoteFailsPrecondition() {
    Occurrence created = create(attestation(IMAGE, "p"));

    assertStatus(
        () ->
            service.updateOccurrence(
                UpdateOccurrenceRequest.newBuilder()
                    .setName(created.getName())
                    .setOccurrence(
                        Occurrence.newBuilder().setNoteName("projects/image-signing/notes/gone"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("note_name"))
                    .build()),
        Status.Code.FAILED_PRECONDITION,
        "note projects/image-signing/notes/gone does not exist");
  }

  @Test
  void getsTheOccurrenceAndItsNote() {
    Occurrence created = create(attestation(IMAGE, "p"));

    assertThat(
            service.getOccurrence(
                GetOccurrenceRequest.newBuilder().setName(created.getName()).build()))
        .isEqualTo(created);
    assertThat(
            service.getOccurrenceNote(
                GetOccurrenceNoteRequest.newBuilder().setName(created.getName()).build()))
        .isEqualTo(note);
  }

  @Test
  void reportsMissingOccurrenceAsNotFound() {
    assertStatus(
        () ->
            service.getOccurrence(
                GetOccurrenceRequest.newBuilder()
                    .setName("projects/payments/occurrences/x")
                    .build()),
        Status.Code.NOT_FOUND,
        "occurrence projects/payments/occurrences/x not found");
    assertStatus(
        () ->
            service.deleteOccurrence(
                DeleteOccurrenceRequest.newBuilder()
                    .setName("projects/payments/occurrences/x")
                    .build()),
        Status.Code.NOT_FOUND,
        "occurrence projects/payments/occurrences/x not found");
  }

  @Test
  void occurrenceNoteOfDeletedNoteIsNotFound() {
    Occurrence created = create(attestation(IMAGE, "p"));
    store.notes.clear();

    assertStatus(
        () ->
            service.getOccurrenceNote(
                GetOccurrenceNoteRequest.newBuilder().setName(created.getName()).build()),
        Status.Code.NOT_FOUND,
        "note projects/image-signing/notes/qa not found");
  }

  @Test
  void listsOccurrencesOfAProjectAndOfANote() {
    Occurrence created = create(attestation(IMAGE, "p"));

    assertThat(
            service
                .listOccurrences(
                    ListOccurrencesRequest.newBuilder().setParent("projects/payments").build())
                .getOccurrencesList())
        .containsExactly(created);
    assertThat(
            service
                .listNoteOccurrences(ListNoteOccurrencesRequest.newBuilder().setName(NOTE).build())
                .getOccurrencesList())
        .containsExactly(created);
    assertStatus(
        () ->
            service.listNoteOccurrences(
                ListNoteOccurrencesRequest.newBuilder().setName("projects/payments").build()),
        Status.Code.INVALID_ARGUMENT,
        "name must be projects/{project}/notes/{note}, got 'projects/payments'");
  }

  @Test
  void deletesOccurrence() {
    Occurrence created = create(attestation(IMAGE, "p"));

    service.deleteOccurrence(
        DeleteOccurrenceRequest.newBuilder().setName(created.getName()).build());

    assertThat(store.occurrences).isEmpty();
  }
}
