package io.dikast.verifier.grafeas;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grafeas.v1.GetNoteRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GrafeasChannelFactoryTest {

  @Test
  void runsTheChannelsCallbacksOnItsOwnBoundedThreads() throws Exception {
    ManagedChannel channel =
        GrafeasChannelFactory.create(
            new GrafeasClientSettings(
                "127.0.0.1:1",
                Duration.ofSeconds(2),
                2,
                1,
                List.of(),
                Optional.empty(),
                Optional.empty()));
    CompletableFuture<String> thread = new CompletableFuture<>();
    try {
      // Nothing listens on port 1: the call fails, and its callback runs on the channel's executor.
      Futures.addCallback(
          GrafeasGrpc.newFutureStub(channel)
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .getNote(GetNoteRequest.newBuilder().setName("projects/p/notes/n").build()),
          new FutureCallback<Note>() {
            @Override
            public void onSuccess(Note note) {
              thread.complete(Thread.currentThread().getName());
            }

            @Override
            public void onFailure(Throwable failure) {
              thread.complete(Thread.currentThread().getName());
            }
          },
          MoreExecutors.directExecutor());

      // gRPC's default would be its unbounded cached pool, grpc-default-executor-N.
      assertThat(thread.get(10, TimeUnit.SECONDS)).startsWith("dikast-grafeas-callback-");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void queuesABurstBehindTheBoundedThreadsWhichEndWhenIdle() throws Exception {
    ThreadPoolExecutor callbacks = GrafeasChannelFactory.callbackExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < 50; i++) {
        callbacks.execute(
            () -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }

      assertThat(callbacks.getPoolSize()).isEqualTo(GrafeasChannelFactory.CALLBACK_THREADS);
      assertThat(callbacks.getQueue()).hasSize(50 - GrafeasChannelFactory.CALLBACK_THREADS);
      assertThat(callbacks.allowsCoreThreadTimeOut()).isTrue();
    } finally {
      release.countDown();
      callbacks.shutdown();
      assertThat(callbacks.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
