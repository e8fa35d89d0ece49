package io.dikast.engine.image;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference as written in a pod spec, split into repository, tag and digest.
 *
 * <p>Parsing is deliberately strict about the digest: an attestation binds a repository and a
 * digest, so anything that only looks like a digest (short, upper-case, another algorithm) is kept
 * out of {@link #digest()} and the image counts as not pinned.
 */
public final class ImageReference {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  // Repository path components and an optional registry host[:port], per the distribution spec.
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?"
              + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  private final String original;
  private final String repository;
  private final String tag;
  private final String digest;

  private ImageReference(String original, String repository, String tag, String digest) {
    this.original = original;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses a reference such as {@code gcr.io/x/payment@sha256:…}, {@code nginx:1.25} or {@code
   * https://gcr.io/x/payment@sha256:…} (the Grafeas resource URI form).
   *
   * @throws IllegalArgumentException when the text is not an image reference at all
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("image reference is empty");
    }
    String trimmed = text.strip();
    String withoutScheme =
        trimmed.regionMatches(true, 0, "https://", 0, 8) ? trimmed.substring(8) : trimmed;
    String rest = withoutScheme;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("invalid tag in image reference: " + text);
      }
    }
    Matcher repositoryMatcher = REPOSITORY.matcher(rest);
    if (!repositoryMatcher.matches()) {
      throw new IllegalArgumentException("invalid repository in image reference: " + text);
    }
    return new ImageReference(trimmed, rest, tag, digest);
  }

  /** The reference as it was written, without surrounding whitespace. */
  public String original() {
    return original;
  }

  /** Registry host and path, without tag or digest: {@code gcr.io/x/payment}. */
  public String repository() {
    return repository;
  }

  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /**
   * The digest when the reference is pinned by a well-formed {@code sha256:<64 lower-case hex>};
   * empty otherwise, including for malformed digests.
   */
  public Optional<String> digest() {
    return isDigestPinned() ? Optional.of(digest) : Optional.empty();
  }

  /** Whatever followed {@code @}, valid or not, so messages can quote it. */
  public Optional<String> rawDigest() {
    return Optional.ofNullable(digest);
  }

  public boolean isDigestPinned() {
    return digest != null && SHA256.matcher(digest).matches();
  }

  /** {@code repository@digest}: the canonical name an attestation binds. Pinned references only. */
  public String pinned() {
    requirePinned();
    return repository + "@" + digest;
  }

  /** The Grafeas resource URI of a pinned image: {@code https://repository@digest}. */
  public String resourceUri() {
    return "https://" + pinned();
  }

  private void requirePinned() {
    if (!isDigestPinned()) {
      throw new IllegalStateException("image is not pinned by a sha256 digest: " + original);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageReference other && original.equals(other.original);
  }

  @Override
  public int hashCode() {
    return original.hashCode();
  }

  @Override
  public String toString() {
    return original;
  }
}
