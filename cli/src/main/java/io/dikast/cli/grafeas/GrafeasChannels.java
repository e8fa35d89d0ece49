package io.dikast.cli.grafeas;

import io.dikast.cli.CliException;
import io.dikast.verifier.grafeas.GrafeasChannelFactory;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import io.grpc.ManagedChannel;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the verifier's gRPC channel for the CLI's options, failing with one line. */
final class GrafeasChannels {

  private GrafeasChannels() {}

  static ManagedChannel open(GrafeasClientSettings settings) {
    try {
      return GrafeasChannelFactory.create(settings);
    } catch (UncheckedIOException e) {
      throw CliException.usage(
          "cannot load the Grafeas TLS files: " + e.getCause().getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("cannot load the Grafeas TLS files: " + e.getMessage(), e);
    }
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
