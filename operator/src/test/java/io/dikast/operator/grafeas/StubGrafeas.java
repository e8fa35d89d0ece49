package io.dikast.operator.grafeas;

import io.dikast.operator.verification.InMemoryAttestations;
import io.dikast.verifier.grafeas.NoteNotFoundException;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.ListNoteOccurrencesRequest;
import io.grafeas.v1.ListNoteOccurrencesResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** A real gRPC Grafeas endpoint on loopback whose note-occurrence lists a test answers. */
public final class StubGrafeas implements AutoCloseable {

  private final Server server;
  // Kept past close(), so tests can name the address of a Grafeas that went down.
  private final String address;

  private StubGrafeas(
      BiConsumer<ListNoteOccurrencesRequest, StreamObserver<ListNoteOccurrencesResponse>> lists) {
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .addService(
                  new GrafeasGrpc.GrafeasImplBase() {
                    @Override
                    public void listNoteOccurrences(
                        ListNoteOccurrencesRequest request,
                        StreamObserver<ListNoteOccurrencesResponse> response) {
                      lists.accept(request, response);
                    }
                  })
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    address = "127.0.0.1:" + server.getPort();
  }

  /** Every list call fails with {@code status}. */
  public static StubGrafeas failingWith(Status status) {
    return new StubGrafeas((request, response) -> response.onError(status.asRuntimeException()));
  }

  /**
   * Serves the occurrences {@code attestations} holds, a whole note per list call (the client
   * filters by resource itself); a note it does not hold is NOT_FOUND.
   */
  public static StubGrafeas serving(InMemoryAttestations attestations) {
    return new StubGrafeas(
        (request, response) -> {
          try {
            response.onNext(
                ListNoteOccurrencesResponse.newBuilder()
                    .addAllOccurrences(attestations.underNote(request.getName()))
                    .build());
            response.onCompleted();
          } catch (NoteNotFoundException e) {
            response.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
          }
        });
  }

  /** Every list call is answered by {@code lists}. */
  public static StubGrafeas answering(
      BiConsumer<ListNoteOccurrencesRequest, StreamObserver<ListNoteOccurrencesResponse>> lists) {
    return new StubGrafeas(lists);
  }

  public String address() {
    return address;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
