package io.dikast.cli.grafeas;

import io.dikast.cli.CliException;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the gRPC channel the options describe, checking every file they name first. */
final class GrafeasChannels {

  private GrafeasChannels() {}

  static ManagedChannel open(GrafeasOptions options) {
    String address = requireAddress(options.address);
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(address);
    if (options.usesTls()) {
      builder.sslContext(sslContext(options)).useTransportSecurity();
    } else {
      builder.usePlaintext();
    }
    return builder.build();
  }

  static String requireAddress(String address) {
    if (address == null || address.isBlank()) {
      throw CliException.usage(
          "no Grafeas server given; pass --grafeas HOST:PORT or set DIKAST_GRAFEAS");
    }
    String trimmed = address.strip();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || !trimmed.substring(colon + 1).matches("[0-9]{1,5}")) {
      throw CliException.usage("--grafeas must be HOST:PORT, not " + trimmed);
    }
    return trimmed;
  }

  private static SslContext sslContext(GrafeasOptions options) {
    if ((options.certFile == null) != (options.keyFile == null)) {
      throw CliException.usage("--grafeas-cert and --grafeas-key must be given together");
    }
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient();
      if (options.caFile != null) {
        ssl.trustManager(readable(options.caFile, "Grafeas CA file").toFile());
      }
      if (options.certFile != null) {
        ssl.keyManager(
            readable(options.certFile, "Grafeas client certificate").toFile(),
            readable(options.keyFile, "Grafeas client key").toFile());
      }
      return ssl.build();
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.usage("cannot load the Grafeas TLS files: " + e.getMessage(), e);
    }
  }

  static Path readable(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(what + " " + file + " does not exist");
    }
    if (!Files.isReadable(file)) {
      throw CliException.usage(what + " " + file + " is not readable");
    }
    return file;
  }
}
