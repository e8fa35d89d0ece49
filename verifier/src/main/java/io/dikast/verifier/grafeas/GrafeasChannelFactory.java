package io.dikast.verifier.grafeas;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the gRPC channel to Grafeas: TLS as configured, and gRPC's own retry for idempotent reads.
 */
public final class GrafeasChannelFactory {

  private static final List<String> IDEMPOTENT_READS =
      List.of("ListNoteOccurrences", "ListOccurrences", "GetNote", "GetOccurrence");

  /**
   * Threads that run the channel's callbacks, each short (a page handed on, a signature checked).
   * gRPC's default is an unbounded cached pool: 10,000 cold admissions left 60 idle threads in the
   * memory scenario (2026-12-07), each with its stack and malloc arena. Idle ones end after a
   * while, so a closed channel leaves none.
   */
  static final int CALLBACK_THREADS = 4;

  private static final AtomicInteger CALLBACK_THREAD = new AtomicInteger();

  private GrafeasChannelFactory() {}

  /**
   * The channel {@code settings} describe.
   *
   * @throws IllegalArgumentException when the TLS settings are incomplete
   * @throws UncheckedIOException when a TLS file cannot be read
   */
  public static ManagedChannel create(GrafeasClientSettings config) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forTarget(config.address())
            .defaultServiceConfig(retryServiceConfig(config.maxAttempts()))
            .enableRetry()
            .executor(callbackExecutor());
    if (config.tls().isPresent()) {
      GrafeasClientSettings.Tls tls = config.tls().get();
      builder.sslContext(sslContext(tls)).useTransportSecurity();
      tls.serverName().ifPresent(builder::overrideAuthority);
    } else {
      builder.usePlaintext();
    }
    return builder.build();
  }

  static ThreadPoolExecutor callbackExecutor() {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            CALLBACK_THREADS,
            CALLBACK_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread =
                  new Thread(task, "dikast-grafeas-callback-" + CALLBACK_THREAD.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static io.netty.handler.ssl.SslContext sslContext(GrafeasClientSettings.Tls tls) {
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient();
      tls.caFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
      if (tls.certFile().isPresent() != tls.keyFile().isPresent()) {
        throw new IllegalArgumentException(
            "the Grafeas client certificate and key must be given together");
      }
      if (tls.certFile().isPresent()) {
        ssl.keyManager(tls.certFile().get().toFile(), tls.keyFile().get().toFile());
      }
      return ssl.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load Grafeas TLS material: " + e.getMessage(), e);
    }
  }

  // gRPC retries within the call's deadline, so a retry can never stretch an admission past its
  // budget.
  private static Map<String, ?> retryServiceConfig(int maxAttempts) {
    List<Map<String, ?>> names =
        IDEMPOTENT_READS.stream()
            .<Map<String, ?>>map(
                method -> Map.of("service", "grafeas.v1.Grafeas", "method", method))
            .toList();
    Map<String, Object> retryPolicy =
        Map.of(
            "maxAttempts",
            (double) Math.max(1, maxAttempts),
            "initialBackoff",
            "0.05s",
            "maxBackoff",
            "0.5s",
            "backoffMultiplier",
            2.0,
            "retryableStatusCodes",
            List.of("UNAVAILABLE"));
    return Map.of("methodConfig", List.of(Map.of("name", names, "retryPolicy", retryPolicy)));
  }
}
