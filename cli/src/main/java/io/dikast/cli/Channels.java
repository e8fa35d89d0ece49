package io.dikast.cli;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** Ends a command's gRPC channel without leaving its threads behind the command's exit. */
public final class Channels {

  private Channels() {}

  public static void close(ManagedChannel channel) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
