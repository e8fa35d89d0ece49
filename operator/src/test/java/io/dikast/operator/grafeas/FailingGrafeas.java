package io.dikast.operator.grafeas;

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

/** A real gRPC Grafeas endpoint on loopback whose every list call fails with {@code status}. */
public final class FailingGrafeas implements AutoCloseable {

  private final Server server;

  public FailingGrafeas(Status status) {
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .addService(
                  new GrafeasGrpc.GrafeasImplBase() {
                    @Override
                    public void listNoteOccurrences(
                        ListNoteOccurrencesRequest request,
                        StreamObserver<ListNoteOccurrencesResponse> response) {
                      response.onError(status.asRuntimeException());
                    }
                  })
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
