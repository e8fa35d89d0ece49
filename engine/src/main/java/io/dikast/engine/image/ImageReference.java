package io.dikast.engine.image;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A container image reference, parsed with the distribution reference grammar
 * (github.com/distribution/reference) and normalised the way the Docker daemon and the kubelet
 * normalise it: {@code nginx@sha256:…}, {@code library/nginx@sha256:…} and {@code
 * index.docker.io/library/nginx@sha256:…} all name {@code docker.io/library/nginx@sha256:…}.
 *
 * <p>{@link #repository()}, {@link #pinned()} and {@link #resourceUri()} are the normalised name,
 * which is what an attestation binds and what two spellings of one image share; {@link #original()}
 * is the text as written, which is what messages quote.
 *
 * <p>Strict about the digest: an attestation binds a repository and a sha256 digest, so a reference
 * with another algorithm is valid but not {@linkplain #isDigestPinned() pinned}, and a digest that
 * breaks its algorithm's form (short, upper-case hex, an unknown algorithm) makes the reference
 * invalid, as it does for the registry.
 */
public final class ImageReference {

  /** The grammar's limit on a normalised name, domain and path together. */
  public static final int NAME_TOTAL_LENGTH_MAX = 255;

  private static final String DOCKER_HUB = "docker.io";
  private static final String LEGACY_DOCKER_HUB = "index.docker.io";
  private static final String OFFICIAL_IMAGES = "library/";
  private static final String RESOURCE_URI_SCHEME = "https://";

  // The grammar's productions, named as in its reference.go.
  private static final String ALPHANUMERIC = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|-+)";
  private static final String PATH_COMPONENT =
      ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
  private static final String IPV6_ADDRESS = "\\[[a-fA-F0-9:]+\\]";
  private static final String DOMAIN = "(?:" + DOMAIN_NAME + "|" + IPV6_ADDRESS + ")(?::[0-9]+)?";
  private static final String REMOTE_NAME = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST_ALGORITHM =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*";
  private static final String DIGEST = DIGEST_ALGORITHM + ":[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "((?:" + DOMAIN + "/)?" + REMOTE_NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  // A bare 64-hex name is refused so an image ID is never taken for a repository.
  private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");
  // The digest algorithms a registry verifies, each with its hex length (go-digest's Validate).
  private static final Pattern REGISTERED_DIGEST =
      Pattern.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");
  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final String DIGEST_FORM =
      "its digest is not sha256, sha384 or sha512 followed by that many lower-case hex digits";

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
   * Parses an image reference as a pod spec carries it, such as {@code gcr.io/x/payment@sha256:…}
   * or {@code nginx:1.25}: exactly the grammar, so no scheme, no surrounding whitespace and no
   * upper case in the path.
   *
   * @throws InvalidImageReferenceException when the text is not an image reference
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidImageReferenceException(String.valueOf(text), "it is empty");
    }
    Matcher matcher = REFERENCE.matcher(text);
    if (!matcher.matches()) {
      throw new InvalidImageReferenceException(text, why(text));
    }
    String name = normalise(matcher.group(1));
    if (name.length() > NAME_TOTAL_LENGTH_MAX) {
      throw new InvalidImageReferenceException(
          text, "its normalised name is longer than " + NAME_TOTAL_LENGTH_MAX + " characters");
    }
    if (IDENTIFIER.matcher(matcher.group(1)).matches()) {
      throw new InvalidImageReferenceException(
          text, "a 64-character hexadecimal name is an image ID, not a repository");
    }
    String digest = matcher.group(3);
    if (digest != null && !REGISTERED_DIGEST.matcher(digest).matches()) {
      throw new InvalidImageReferenceException(text, DIGEST_FORM);
    }
    return new ImageReference(text, name, matcher.group(2), digest);
  }

  /**
   * Parses the resource URI of a Grafeas occurrence, or a reference a signer wrote: the same
   * grammar, after an optional {@code https://}, which Grafeas' resource URIs carry.
   *
   * @throws InvalidImageReferenceException when the rest is not an image reference
   */
  public static ImageReference fromResourceUri(String uri) {
    boolean withScheme =
        uri != null
            && uri.regionMatches(true, 0, RESOURCE_URI_SCHEME, 0, RESOURCE_URI_SCHEME.length());
    return parse(withScheme ? uri.substring(RESOURCE_URI_SCHEME.length()) : uri);
  }

  /** The reference as it was written. */
  public String original() {
    return original;
  }

  /**
   * The normalised name, domain and path without tag or digest: {@code gcr.io/x/payment}, {@code
   * docker.io/library/nginx} for {@code nginx}.
   */
  public String repository() {
    return repository;
  }

  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest when the reference is pinned by {@code sha256:<64 lower-case hex>}. */
  public Optional<String> digest() {
    return isDigestPinned() ? Optional.of(digest) : Optional.empty();
  }

  /** The digest of any registered algorithm, so messages and binding checks can compare it. */
  public Optional<String> anyDigest() {
    return Optional.ofNullable(digest);
  }

  public boolean isDigestPinned() {
    return digest != null && SHA256.matcher(digest).matches();
  }

  /** The normalised reference: name, then {@code :tag} and {@code @digest} where written. */
  public String normalised() {
    return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** {@code repository@digest}, normalised: what an attestation binds. Pinned references only. */
  public String pinned() {
    requirePinned();
    return repository + "@" + digest;
  }

  /** The Grafeas resource URI of a pinned image: {@code https://repository@digest}. */
  public String resourceUri() {
    return RESOURCE_URI_SCHEME + pinned();
  }

  /**
   * Every way a signer may have written this pinned image, normalised form first: for Docker Hub
   * the short, {@code docker.io} and {@code index.docker.io} spellings, each with and without
   * {@code library/} for official images; otherwise just the one.
   */
  public List<String> pinnedSpellings() {
    requirePinned();
    if (!repository.startsWith(DOCKER_HUB + "/")) {
      return List.of(pinned());
    }
    String path = repository.substring(DOCKER_HUB.length() + 1);
    Stream<String> paths =
        path.startsWith(OFFICIAL_IMAGES) && path.indexOf('/', OFFICIAL_IMAGES.length()) < 0
            ? Stream.of(path, path.substring(OFFICIAL_IMAGES.length()))
            : Stream.of(path);
    return paths
        .flatMap(
            remote ->
                Stream.of(DOCKER_HUB + "/" + remote, LEGACY_DOCKER_HUB + "/" + remote, remote))
        .map(name -> name + "@" + digest)
        .toList();
  }

  /** Whether {@code other} names the same repository and digest, however either was spelled. */
  public boolean sameImage(ImageReference other) {
    return repository.equals(other.repository) && java.util.Objects.equals(digest, other.digest);
  }

  private void requirePinned() {
    if (!isDigestPinned()) {
      throw new IllegalStateException("image is not pinned by a sha256 digest: " + original);
    }
  }

  // splitDockerDomain of the grammar's normalize.go.
  private static String normalise(String name) {
    int slash = name.indexOf('/');
    String domain;
    String remote;
    if (slash < 0 || !isDomain(name.substring(0, slash))) {
      domain = DOCKER_HUB;
      remote = name;
    } else {
      domain = name.substring(0, slash);
      remote = name.substring(slash + 1);
    }
    if (domain.equals(LEGACY_DOCKER_HUB)) {
      domain = DOCKER_HUB;
    }
    if (domain.equals(DOCKER_HUB) && remote.indexOf('/') < 0) {
      remote = OFFICIAL_IMAGES + remote;
    }
    return domain + "/" + remote;
  }

  private static boolean isDomain(String first) {
    return first.contains(".")
        || first.contains(":")
        || first.equals("localhost")
        || !first.toLowerCase(Locale.ROOT).equals(first);
  }

  // The grammar only says no; these are the mistakes people make, named.
  private static String why(String text) {
    if (!text.strip().equals(text)) {
      return "it has surrounding whitespace";
    }
    if (text.contains("://")) {
      return "a scheme such as https:// is not part of an image reference";
    }
    if (text.chars().anyMatch(Character::isWhitespace)) {
      return "it contains whitespace";
    }
    int at = text.lastIndexOf('@');
    if (at > 0 && REFERENCE.matcher(text.substring(0, at)).matches()) {
      return DIGEST_FORM;
    }
    if (REFERENCE.matcher(lowerCasePath(text)).matches()) {
      return "a repository path must be lower case";
    }
    return "it does not follow the distribution reference grammar";
  }

  private static String lowerCasePath(String text) {
    int at = text.indexOf('@');
    String name = at < 0 ? text : text.substring(0, at);
    String rest = at < 0 ? "" : text.substring(at);
    int slash = name.indexOf('/');
    return slash < 0
        ? name.toLowerCase(Locale.ROOT) + rest
        : name.substring(0, slash + 1) + name.substring(slash + 1).toLowerCase(Locale.ROOT) + rest;
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
