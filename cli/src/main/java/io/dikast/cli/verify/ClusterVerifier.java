package io.dikast.cli.verify;

import io.dikast.api.v1.VerificationResult;
import io.dikast.api.v1.VerificationServiceGrpc;
import io.dikast.api.v1.VerifyWorkloadRequest;
import io.dikast.api.v1.WhatIfRequest;
import io.dikast.api.v1.WhatIfResult;
import io.dikast.cli.Channels;
import io.dikast.cli.CliException;
import io.dikast.cli.grafeas.GrafeasClient;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Asks a running operator, over its TLS gRPC API, for the decision on each workload (the cluster's
 * live policies, authorities and keys, with the webhook's messages) or for what a policy would deny
 * among the running pods.
 */
final class ClusterVerifier implements AutoCloseable {

  private static final long CALL_SECONDS = 30;
  private static final long WHAT_IF_SECONDS = 600;

  private final String address;
  private final ManagedChannel channel;

  private ClusterVerifier(String address, ManagedChannel channel) {
    this.address = address;
    this.channel = channel;
  }

  static ClusterVerifier connect(OperatorOptions options) {
    String address = requireAddress(options.address);
    return new ClusterVerifier(
        address,
        NettyChannelBuilder.forTarget(address)
            .sslContext(sslContext(options))
            .useTransportSecurity()
            .build());
  }

  String address() {
    return address;
  }

  /** The operator's verdict on {@code document}'s workload, placed in its namespace. */
  VerificationResult decide(ManifestDocument document, String namespace) {
    try {
      return VerificationServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
          .verifyWorkload(
              VerifyWorkloadRequest.newBuilder()
                  .setNamespace(namespace)
                  .setManifest(document.object().toString())
                  .build());
    } catch (StatusRuntimeException e) {
      throw refused(document, e);
    }
  }

  /**
   * The running pods {@code document}'s policy would deny in {@code namespace} (empty: the policy's
   * own) if it were applied and enforced.
   */
  WhatIfResult whatIf(ManifestDocument document, String namespace) {
    try {
      return VerificationServiceGrpc.newBlockingStub(channel)
          // A what-if judges every running pod of the namespace, each within its own budget.
          .withDeadlineAfter(WHAT_IF_SECONDS, TimeUnit.SECONDS)
          .whatIf(
              WhatIfRequest.newBuilder()
                  .setNamespace(namespace)
                  .setPolicy(document.object().toString())
                  .build());
    } catch (StatusRuntimeException e) {
      throw refused(document, e);
    }
  }

  private CliException refused(ManifestDocument document, StatusRuntimeException e) {
    String reason = GrafeasClient.reason(e.getStatus());
    return switch (e.getStatus().getCode()) {
      case INVALID_ARGUMENT ->
          CliException.usage(document.source() + ": the operator refused it: " + reason, e);
      case UNAVAILABLE ->
          CliException.usage("cannot reach the operator at " + address + ": " + reason, e);
      default -> CliException.usage("the operator at " + address + " failed: " + reason, e);
    };
  }

  private static String requireAddress(String address) {
    if (address == null || address.isBlank()) {
      throw CliException.usage(
          "--cluster needs the operator's address; pass --operator HOST:PORT or set"
              + " DIKAST_OPERATOR");
    }
    String trimmed = address.strip();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || !trimmed.substring(colon + 1).matches("[0-9]{1,5}")) {
      throw CliException.usage("--operator must be HOST:PORT, not " + trimmed);
    }
    return trimmed;
  }

  private static SslContext sslContext(OperatorOptions options) {
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient();
      if (options.caFile != null) {
        if (!Files.isRegularFile(options.caFile) || !Files.isReadable(options.caFile)) {
          throw CliException.usage("operator CA file " + options.caFile + " does not exist");
        }
        ssl.trustManager(options.caFile.toFile());
      }
      return ssl.build();
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.usage("cannot load the operator CA file: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String text) {
    String message = String.valueOf(text);
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  @Override
  public void close() {
    Channels.close(channel);
  }
}
