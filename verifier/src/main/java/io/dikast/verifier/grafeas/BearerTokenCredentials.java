package io.dikast.verifier.grafeas;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * Sends {@code authorization: Bearer <token>}, re-reading the file so a rotated token takes effect.
 */
public final class BearerTokenCredentials extends CallCredentials {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Path tokenFile;

  public BearerTokenCredentials(Path tokenFile) {
    this.tokenFile = tokenFile;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    try {
      String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      applier.apply(headers);
    } catch (IOException e) {
      applier.fail(
          Status.UNAUTHENTICATED
              .withDescription("cannot read Grafeas token file " + tokenFile)
              .withCause(e));
    }
  }
}
