package io.dikast.operator.grafeas;

import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads an authority's attestation occurrences for one image from Grafeas over gRPC.
 *
 * <p>Every call carries a deadline: the configured call timeout, cut short by the admission's own
 * deadline. Anything but a complete answer is a {@link BackendUnavailableException}, never an empty
 * list, so an outage can never look like "no attestation" or like success.
 */
@ApplicationScoped
public class GrafeasAttestationSource implements AttestationSource {

  // The largest page a Grafeas v1 server serves: fewer round trips per admission.
  private static final int MAX_PAGE_SIZE = 1000;

  private final GrafeasClientConfig config;
  private final ManagedChannel channel;
  private final GrafeasGrpc.GrafeasBlockingStub stub;

  public GrafeasAttestationSource(GrafeasClientConfig config) {
    this.config = config;
    this.channel = GrafeasChannelFactory.create(config);
    GrafeasGrpc.GrafeasBlockingStub base = GrafeasGrpc.newBlockingStub(channel);
    this.stub =
        config
            .tokenFile()
            .map(f -> base.withCallCredentials(new BearerTokenCredentials(f)))
            .orElse(base);
  }

  @Override
  public List<Occurrence> attestations(String noteName, ImageReference image, Deadline budget)
      throws BackendUnavailableException, NoteNotFoundException {
    List<Occurrence> found = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String pageToken = "";
    for (int page = 0; page < config.maxPages(); page++) {
      ListNoteOccurrencesResponse response = listPage(noteName, image, pageToken, budget);
      for (Occurrence occurrence : response.getOccurrencesList()) {
        if (occurrence.getKind() == NoteKind.ATTESTATION && occurrence.hasAttestation()) {
          found.add(occurrence);
        }
      }
      pageToken = response.getNextPageToken();
      if (pageToken.isEmpty()) {
        return found;
      }
      if (!seenTokens.add(pageToken)) {
        throw new BackendUnavailableException(
            "Grafeas returned a page token it had already returned for note " + noteName);
      }
    }
    throw new BackendUnavailableException(
        "Grafeas returned more than " + config.maxPages() + " pages for note " + noteName);
  }

  private ListNoteOccurrencesResponse listPage(
      String noteName, ImageReference image, String pageToken, Deadline budget)
      throws BackendUnavailableException, NoteNotFoundException {
    Deadline callDeadline =
        Deadline.after(config.callTimeout().toNanos(), TimeUnit.NANOSECONDS).minimum(budget);
    if (callDeadline.isExpired()) {
      throw new BackendUnavailableException("admission deadline reached before asking Grafeas");
    }
    ListNoteOccurrencesRequest request =
        ListNoteOccurrencesRequest.newBuilder()
            .setName(noteName)
            .setFilter(resourceFilter(image))
            .setPageSize(MAX_PAGE_SIZE)
            .setPageToken(pageToken)
            .build();
    try {
      return stub.withDeadline(callDeadline).listNoteOccurrences(request);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new NoteNotFoundException(noteName);
      }
      throw new BackendUnavailableException(describe(e.getStatus()), e);
    }
  }

  // Grafeas clients write the resource both with and without the scheme; both name the same image.
  static String resourceFilter(ImageReference image) {
    return "resourceUrl=\"" + image.resourceUri() + "\" OR resourceUrl=\"" + image.pinned() + "\"";
  }

  private String describe(Status status) {
    return switch (status.getCode()) {
      case DEADLINE_EXCEEDED ->
          "Grafeas did not answer within " + config.callTimeout().toMillis() + " ms";
      case UNAVAILABLE -> "Grafeas at " + config.address() + " is unavailable";
      default ->
          "Grafeas error "
              + status.getCode()
              + (status.getDescription() == null ? "" : ": " + status.getDescription());
    };
  }

  @PreDestroy
  void close() {
    channel.shutdownNow();
  }
}
