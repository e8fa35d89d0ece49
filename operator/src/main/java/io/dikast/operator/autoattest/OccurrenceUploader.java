package io.dikast.operator.autoattest;

import io.dikast.verifier.grafeas.BearerTokenCredentials;
import io.dikast.verifier.grafeas.GrafeasChannelFactory;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import io.dikast.verifier.grafeas.GrafeasConnection;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Occurrence;
import io.grpc.ManagedChannel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Writes attestation occurrences to Grafeas, on a channel of its own with the admission client's
 * address, TLS and token settings, so uploads never queue behind admission reads. The channel's
 * retry policy covers reads only: a write is never retried blindly (it would upload twice).
 */
@ApplicationScoped
public class OccurrenceUploader {

  private final ManagedChannel channel;
  private final GrafeasGrpc.GrafeasBlockingStub stub;
  private final Duration callTimeout;

  @Inject
  public OccurrenceUploader(GrafeasConnection connection) {
    this(connection.settings());
  }

  public OccurrenceUploader(GrafeasClientSettings settings) {
    this.channel = GrafeasChannelFactory.create(settings);
    GrafeasGrpc.GrafeasBlockingStub base = GrafeasGrpc.newBlockingStub(channel);
    this.stub =
        settings
            .tokenFile()
            .map(token -> base.withCallCredentials(new BearerTokenCredentials(token)))
            .orElse(base);
    this.callTimeout = settings.callTimeout();
  }

  /** Uploads {@code occurrence} beside its note; returns the name Grafeas gave it. */
  String upload(String project, Occurrence occurrence) {
    return stub.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS)
        .createOccurrence(
            CreateOccurrenceRequest.newBuilder()
                .setParent(project)
                .setOccurrence(occurrence)
                .build())
        .getName();
  }

  @PreDestroy
  void close() {
    channel.shutdownNow();
  }
}
