package io.dikast.grafeas.grpc;

import com.google.protobuf.Empty;
import io.dikast.grafeas.api.NoteService;
import io.dikast.grafeas.api.OccurrenceService;
import io.grafeas.v1.BatchCreateNotesRequest;
import io.grafeas.v1.BatchCreateNotesResponse;
import io.grafeas.v1.BatchCreateOccurrencesRequest;
import io.grafeas.v1.BatchCreateOccurrencesResponse;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.DeleteNoteRequest;
import io.grafeas.v1.DeleteOccurrenceRequest;
import io.grafeas.v1.GetNoteRequest;
import io.grafeas.v1.GetOccurrenceNoteRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grafeas.v1.ListNotesRequest;
import io.grafeas.v1.ListNotesResponse;
import io.grafeas.v1.ListOccurrencesRequest;
import io.grafeas.v1.ListOccurrencesResponse;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.UpdateNoteRequest;
import io.grafeas.v1.UpdateOccurrenceRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** {@code grafeas.v1.Grafeas} over gRPC; the store does blocking I/O, so off the event loop. */
@GrpcService
@Blocking
public class GrafeasGrpcService extends GrafeasGrpc.GrafeasImplBase {

  private static final Logger LOG = Logger.getLogger(GrafeasGrpcService.class);

  private final NoteService notes;
  private final OccurrenceService occurrences;

  public GrafeasGrpcService(NoteService notes, OccurrenceService occurrences) {
    this.notes = notes;
    this.occurrences = occurrences;
  }

  @Override
  public void getOccurrence(GetOccurrenceRequest request, StreamObserver<Occurrence> response) {
    respond(response, () -> occurrences.getOccurrence(request));
  }

  @Override
  public void listOccurrences(
      ListOccurrencesRequest request, StreamObserver<ListOccurrencesResponse> response) {
    respond(response, () -> occurrences.listOccurrences(request));
  }

  @Override
  public void deleteOccurrence(DeleteOccurrenceRequest request, StreamObserver<Empty> response) {
    respond(
        response,
        () -> {
          occurrences.deleteOccurrence(request);
          return Empty.getDefaultInstance();
        });
  }

  @Override
  public void createOccurrence(
      CreateOccurrenceRequest request, StreamObserver<Occurrence> response) {
    respond(response, () -> occurrences.createOccurrence(request));
  }

  @Override
  public void batchCreateOccurrences(
      BatchCreateOccurrencesRequest request,
      StreamObserver<BatchCreateOccurrencesResponse> response) {
    respond(response, () -> occurrences.batchCreateOccurrences(request));
  }

  @Override
  public void updateOccurrence(
      UpdateOccurrenceRequest request, StreamObserver<Occurrence> response) {
    respond(response, () -> occurrences.updateOccurrence(request));
  }

  @Override
  public void getOccurrenceNote(GetOccurrenceNoteRequest request, StreamObserver<Note> response) {
    respond(response, () -> occurrences.getOccurrenceNote(request));
  }

  @Override
  public void getNote(GetNoteRequest request, StreamObserver<Note> response) {
    respond(response, () -> notes.getNote(request));
  }

  @Override
  public void listNotes(ListNotesRequest request, StreamObserver<ListNotesResponse> response) {
    respond(response, () -> notes.listNotes(request));
  }

  @Override
  public void deleteNote(DeleteNoteRequest request, StreamObserver<Empty> response) {
    respond(
        response,
        () -> {
          notes.deleteNote(request);
          return Empty.getDefaultInstance();
        });
  }

  @Override
  public void createNote(CreateNoteRequest request, StreamObserver<Note> response) {
    respond(response, () -> notes.createNote(request));
  }

  @Override
  public void batchCreateNotes(
      BatchCreateNotesRequest request, StreamObserver<BatchCreateNotesResponse> response) {
    respond(response, () -> notes.batchCreateNotes(request));
  }

  @Override
  public void updateNote(UpdateNoteRequest request, StreamObserver<Note> response) {
    respond(response, () -> notes.updateNote(request));
  }

  @Override
  public void listNoteOccurrences(
      ListNoteOccurrencesRequest request, StreamObserver<ListNoteOccurrencesResponse> response) {
    respond(response, () -> occurrences.listNoteOccurrences(request));
  }

  private static <T> void respond(StreamObserver<T> response, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (StatusRuntimeException e) {
      response.onError(e);
      return;
    } catch (RuntimeException e) {
      LOG.error("Grafeas call failed", e);
      response.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
      return;
    }
    response.onNext(result);
    response.onCompleted();
  }
}
