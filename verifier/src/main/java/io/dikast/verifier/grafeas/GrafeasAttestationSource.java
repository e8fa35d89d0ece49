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

/**
 * Reads an authority's attestation occurrences for one image from Grafeas over gRPC.
 *
 * <p>Every call carries a deadline: the configured call timeout, cut short by the admission's own
 * deadline. Anything but a complete answer is a {@link BackendUnavailableException}, never an empty
 * list, so an outage can never look like "no attestation" or like success.
 */
public class GrafeasAttestationSource implements AttestationSource {

  private final GrafeasConnection grafeas;

  public GrafeasAttestationSource(GrafeasConnection grafeas) {
    this.grafeas = grafeas;
  }

  @Override
  public List<Occurrence> attestations(String noteName, ImageReference image, Deadline budget)
      throws BackendUnavailableException, NoteNotFoundException {
    List<Occurrence> found = new ArrayList<>();
    PageTokens pages = grafeas.pages("note " + noteName);
    String pageToken = "";
    do {
      ListNoteOccurrencesResponse response = listPage(noteName, image, pageToken, budget);
      for (Occurrence occurrence : response.getOccurrencesList()) {
        if (isAttestationOf(occurrence, noteName, image)) {
          found.add(occurrence);
        }
      }
      pageToken = response.getNextPageToken();
    } while (pages.more(pageToken));
    return found;
  }

  // The request's filter already asked for this; a server that ignores it must not make another
  // note's or another image's occurrence count for this one.
  private static boolean isAttestationOf(
      Occurrence occurrence, String noteName, ImageReference image) {
    return occurrence.getKind() == NoteKind.ATTESTATION
        && occurrence.hasAttestation()
        && occurrence.getNoteName().equals(noteName)
        && (occurrence.getResourceUri().equals(image.resourceUri())
            || occurrence.getResourceUri().equals(image.pinned()));
  }

  private ListNoteOccurrencesResponse listPage(
      String noteName, ImageReference image, String pageToken, Deadline budget)
      throws BackendUnavailableException, NoteNotFoundException {
    ListNoteOccurrencesRequest request =
        ListNoteOccurrencesRequest.newBuilder()
            .setName(noteName)
            .setFilter(GrafeasConnection.resourceFilter(image))
            .setPageSize(GrafeasConnection.MAX_PAGE_SIZE)
            .setPageToken(pageToken)
            .build();
    try {
      return grafeas.stub(budget).listNoteOccurrences(request);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new NoteNotFoundException(noteName);
      }
      throw grafeas.unavailable(e);
    }
  }
}
