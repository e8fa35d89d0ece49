package io.dikast.verifier.grafeas;

import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads an authority's attestation occurrences for one image from Grafeas over gRPC.
 *
 * <p>Every call carries a deadline: the configured call timeout, cut short by the admission's own
 * deadline. Anything but a complete answer is a {@link BackendUnavailableException}, never an empty
 * list, so an outage can never look like "no attestation" or like success.
 */
public class GrafeasAttestationSource implements AttestationSource {

  private final GrafeasConnection grafeas;
  private final NoteKind kind;

  public GrafeasAttestationSource(GrafeasConnection grafeas) {
    this(grafeas, NoteKind.ATTESTATION);
  }

  /** Reads the occurrences of {@code kind} instead, as {@link GrafeasProvenanceSource} does. */
  GrafeasAttestationSource(GrafeasConnection grafeas, NoteKind kind) {
    this.grafeas = grafeas;
    this.kind = kind;
  }

  @Override
  public List<Occurrence> attestations(String noteName, ImageReference image, Deadline budget)
      throws BackendUnavailableException, NoteNotFoundException {
    return ListPages.await(read(noteName, image, budget));
  }

  /** Reads without holding a thread of {@code blocking} (or any other) while Grafeas answers. */
  @Override
  public CompletableFuture<List<Occurrence>> attestationsAsync(
      String noteName, ImageReference image, Deadline budget, Executor blocking) {
    return read(noteName, image, budget);
  }

  private CompletableFuture<List<Occurrence>> read(
      String noteName, ImageReference image, Deadline budget) {
    List<Occurrence> found = new ArrayList<>();
    return ListPages.readAll(
            grafeas.pages("note " + noteName),
            pageToken -> listPage(noteName, image, pageToken, budget),
            ListNoteOccurrencesResponse::getNextPageToken,
            response -> {
              for (Occurrence occurrence : response.getOccurrencesList()) {
                if (isAttestationOf(occurrence, noteName, image)) {
                  found.add(occurrence);
                }
              }
            })
        .thenApply(done -> found);
  }

  // The request's filter already asked for this; a server that ignores it must not make another
  // note's or another image's occurrence count for this one.
  private boolean isAttestationOf(Occurrence occurrence, String noteName, ImageReference image) {
    return occurrence.getKind() == kind
        && (kind != NoteKind.ATTESTATION || occurrence.hasAttestation())
        && occurrence.getNoteName().equals(noteName)
        && GrafeasConnection.names(occurrence.getResourceUri(), image);
  }

  private CompletableFuture<ListNoteOccurrencesResponse> listPage(
      String noteName, ImageReference image, String pageToken, Deadline budget) {
    ListNoteOccurrencesRequest request =
        ListNoteOccurrencesRequest.newBuilder()
            .setName(noteName)
            .setFilter(GrafeasConnection.resourceFilter(image))
            .setPageSize(GrafeasConnection.MAX_PAGE_SIZE)
            .setPageToken(pageToken)
            .build();
    return grafeas
        .call(budget, stub -> stub.listNoteOccurrences(request))
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(outage(noteName, failure)));
  }

  private Throwable outage(String noteName, Throwable failure) {
    return failure instanceof StatusRuntimeException status
            && status.getStatus().getCode() == Status.Code.NOT_FOUND
        ? new NoteNotFoundException(noteName)
        : grafeas.outage(failure);
  }
}
