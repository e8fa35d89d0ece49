package io.dikast.operator.autoattest;

import io.dikast.operator.grafeas.GrafeasClientConfig;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Occurrence;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Writes attestation occurrences to Grafeas. The admission client only reads and retries reads; a
 * write is never retried blindly (it would upload twice), so it has its own channel with the same
 * address, TLS and token settings.
 */
@ApplicationScoped
public class OccurrenceUploader {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final GrafeasGrpc.GrafeasBlockingStub stub;
  private final Duration callTimeout;

  public OccurrenceUploader(GrafeasClientConfig config) {
    this.channel = channel(config);
    GrafeasGrpc.GrafeasBlockingStub base = GrafeasGrpc.newBlockingStub(channel);
    this.stub =
        config.tokenFile().map(token -> base.withCallCredentials(bearer(token))).orElse(base);
    this.callTimeout = config.callTimeout();
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

  private static ManagedChannel channel(GrafeasClientConfig config) {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(config.address());
    GrafeasClientConfig.Tls tls = config.tls();
    if (!tls.enabled()) {
      return builder.usePlaintext().build();
    }
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient();
      tls.caFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
      if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
        ssl.keyManager(tls.certFile().get().toFile(), tls.keyFile().get().toFile());
      }
      builder.sslContext(ssl.build()).useTransportSecurity();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Grafeas TLS files", e);
    }
    tls.serverName().ifPresent(builder::overrideAuthority);
    return builder.build();
  }

  // Re-read per call, so a rotated token takes effect, as for the admission client.
  private static CallCredentials bearer(Path tokenFile) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo info, Executor executor, MetadataApplier applier) {
        try {
          Metadata headers = new Metadata();
          headers.put(
              AUTHORIZATION,
              "Bearer " + Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
          applier.apply(headers);
        } catch (IOException e) {
          applier.fail(
              Status.UNAUTHENTICATED.withDescription(
                  "cannot read Grafeas token file " + tokenFile));
        }
      }
    };
  }

  @PreDestroy
  void close() {
    channel.shutdownNow();
  }
}
