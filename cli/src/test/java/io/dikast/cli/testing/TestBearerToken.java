package io.dikast.cli.testing;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.concurrent.Executor;

/** The test's own bearer token, so reading back never depends on the code under test. */
public final class TestBearerToken extends CallCredentials {

  private final String token;

  public TestBearerToken(String token) {
    this.token = token;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    applier.apply(headers);
  }
}
