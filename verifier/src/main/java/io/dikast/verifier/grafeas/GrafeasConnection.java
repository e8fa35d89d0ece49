package io.dikast.verifier.grafeas;

import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.GrafeasGrpc;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;

/**
 * The one gRPC channel to Grafeas that every source reads through: its credentials, the deadline of
 * each call, and the wording of outages in deny messages.
 */
public class GrafeasConnection implements AutoCloseable {

  // The largest page a Grafeas v1 server serves: fewer round trips per admission.
  static final int MAX_PAGE_SIZE = 1000;

  private final GrafeasClientSettings config;
  private final ManagedChannel channel;
  private final GrafeasGrpc.GrafeasBlockingStub stub;

  public GrafeasConnection(GrafeasClientSettings config) {
    this.config = config;
    this.channel = GrafeasChannelFactory.create(config);
    GrafeasGrpc.GrafeasBlockingStub base = GrafeasGrpc.newBlockingStub(channel);
    this.stub =
        config
            .tokenFile()
            .map(f -> base.withCallCredentials(new BearerTokenCredentials(f)))
            .orElse(base);
  }

  public GrafeasClientSettings settings() {
    return config;
  }

  /**
   * A stub for one call: the configured call timeout, cut short by the admission's own deadline.
   */
  GrafeasGrpc.GrafeasBlockingStub stub(Deadline budget) throws BackendUnavailableException {
    Deadline callDeadline =
        Deadline.after(config.callTimeout().toNanos(), TimeUnit.NANOSECONDS).minimum(budget);
    if (callDeadline.isExpired()) {
      throw new BackendUnavailableException("admission deadline reached before asking Grafeas");
    }
    return stub.withDeadline(callDeadline);
  }

  /** The outage a failed call stands for, worded for deny messages. */
  BackendUnavailableException unavailable(StatusRuntimeException failure) {
    return new BackendUnavailableException(describe(failure.getStatus()), failure);
  }

  /** A guard against a server that never ends a list of {@code subject}. */
  PageTokens pages(String subject) {
    return new PageTokens(config.maxPages(), subject);
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

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
