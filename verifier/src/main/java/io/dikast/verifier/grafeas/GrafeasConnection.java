package io.dikast.verifier.grafeas;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.image.InvalidImageReferenceException;
import io.grafeas.v1.GrafeasGrpc;
import io.grpc.CallCredentials;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one gRPC channel to Grafeas that every source reads through: its credentials, the deadline of
 * each call, and the wording of outages in deny messages.
 */
public class GrafeasConnection implements AutoCloseable {

  // The largest page a Grafeas v1 server serves: fewer round trips per admission.
  static final int MAX_PAGE_SIZE = 1000;

  private final GrafeasClientSettings config;
  private final ManagedChannel channel;
  private final GrafeasGrpc.GrafeasFutureStub futureStub;

  public GrafeasConnection(GrafeasClientSettings config) {
    this.config = config;
    this.channel = GrafeasChannelFactory.create(config);
    Optional<CallCredentials> token = config.tokenFile().map(BearerTokenCredentials::new);
    GrafeasGrpc.GrafeasFutureStub future = GrafeasGrpc.newFutureStub(channel);
    this.futureStub = token.map(future::withCallCredentials).orElse(future);
  }

  public GrafeasClientSettings settings() {
    return config;
  }

  private Deadline callDeadline(Deadline budget) {
    return Deadline.after(config.callTimeout().toNanos(), TimeUnit.NANOSECONDS).minimum(budget);
  }

  /**
   * One call that holds no thread while Grafeas answers, so a slow or hung Grafeas delays an
   * admission's checks together rather than one pool thread at a time. It fails with the call's
   * {@link StatusRuntimeException}, or a {@link BackendUnavailableException} when the budget is
   * spent before asking.
   */
  <T> CompletableFuture<T> call(
      Deadline budget, Function<GrafeasGrpc.GrafeasFutureStub, ListenableFuture<T>> rpc) {
    Deadline callDeadline = callDeadline(budget);
    if (callDeadline.isExpired()) {
      return CompletableFuture.failedFuture(
          new BackendUnavailableException("admission deadline reached before asking Grafeas"));
    }
    CompletableFuture<T> answer = new CompletableFuture<>();
    Futures.addCallback(
        rpc.apply(futureStub.withDeadline(callDeadline)),
        new FutureCallback<T>() {
          @Override
          public void onSuccess(T result) {
            answer.complete(result);
          }

          @Override
          public void onFailure(Throwable failure) {
            answer.completeExceptionally(failure);
          }
        },
        MoreExecutors.directExecutor());
    return answer;
  }

  /**
   * The outage a failed {@link #call} stands for, worded for deny messages; a failure that is no
   * gRPC status (the budget already spent) as it is.
   */
  Throwable outage(Throwable failure) {
    return failure instanceof StatusRuntimeException status
        ? new BackendUnavailableException(describe(status.getStatus()), status)
        : failure;
  }

  /** A guard against a server that never ends a list of {@code subject}. */
  PageTokens pages(String subject) {
    return new PageTokens(config.maxPages(), subject);
  }

  /**
   * Every resource a signer or scanner may have named the image by: each spelling of its name (for
   * Docker Hub, {@code nginx}, {@code docker.io/library/nginx}, …), with and without the scheme.
   */
  static String resourceFilter(ImageReference image) {
    return image.pinnedSpellings().stream()
        .flatMap(spelling -> Stream.of("https://" + spelling, spelling))
        .map(resource -> "resourceUrl=\"" + resource + "\"")
        .collect(Collectors.joining(" OR "));
  }

  /** Whether an occurrence's resource names {@code image}, however it was spelled. */
  static boolean names(String resourceUri, ImageReference image) {
    try {
      return ImageReference.fromResourceUri(resourceUri).sameImage(image);
    } catch (InvalidImageReferenceException notAnImage) {
      return false;
    }
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

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
