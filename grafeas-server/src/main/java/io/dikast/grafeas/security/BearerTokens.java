package io.dikast.grafeas.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/** The configured bearer token, if any, and the check of a presented {@code Authorization}. */
@ApplicationScoped
public class BearerTokens {

  private static final String SCHEME = "Bearer ";

  private final Optional<byte[]> expected;

  public BearerTokens(GrafeasServerConfig config) {
    this.expected = config.auth().tokenFile().map(BearerTokens::read);
  }

  public boolean required() {
    return expected.isPresent();
  }

  /** Whether the header carries the token; compared in constant time so timing leaks nothing. */
  public boolean accepts(String authorization) {
    if (expected.isEmpty()) {
      return true;
    }
    if (authorization == null
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    byte[] presented =
        authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected.get(), presented);
  }

  private static byte[] read(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bearer token file " + file, e);
    }
    if (token.isEmpty()) {
      throw new IllegalStateException("the bearer token file " + file + " is empty");
    }
    return token.getBytes(StandardCharsets.UTF_8);
  }
}
