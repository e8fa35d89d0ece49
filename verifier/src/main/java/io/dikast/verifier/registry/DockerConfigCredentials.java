package io.dikast.verifier.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry credentials of a Kubernetes image pull secret: {@code
 * kubernetes.io/dockerconfigjson} ({@code .dockerconfigjson}, {@code {"auths":{…}}}) or the legacy
 * {@code kubernetes.io/dockercfg} ({@code .dockercfg}, the auths map itself).
 *
 * <p>An entry's key names a registry, optionally a path in it: {@code host}, {@code host:port},
 * {@code host/path}, {@code https://host/v1/}. It matches a repository as the kubelet matches it:
 * the scheme and a trailing {@code /v1/} or {@code /v2/} are dropped, the host (with its port)
 * equals the repository's domain, with {@code docker.io}, {@code index.docker.io} and {@code
 * registry-1.docker.io} as one, and the key's path is a path prefix of the repository's; the
 * longest match wins. Unlike the kubelet, no {@code *} globs in hosts. An entry's {@code auth},
 * {@code base64(user:password)}, wins over its {@code username} and {@code password}, as in the
 * kubelet; entries with neither (identity tokens) are ignored.
 */
public final class DockerConfigCredentials {

  public static final String DOCKER_CONFIG_JSON_TYPE = "kubernetes.io/dockerconfigjson";
  public static final String DOCKER_CONFIG_JSON_KEY = ".dockerconfigjson";
  public static final String DOCKERCFG_TYPE = "kubernetes.io/dockercfg";
  public static final String DOCKERCFG_KEY = ".dockercfg";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DOCKER_HUB =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  private record Entry(String host, String path, RegistryCredential credential) {}

  private final List<Entry> entries;

  private DockerConfigCredentials(List<Entry> entries) {
    this.entries = entries;
  }

  /**
   * @param type the Secret's type
   * @param data the Secret's {@code data}: base64 values, as the API server serves them
   * @param origin names the Secret in messages, such as {@code Secret payments/pull}
   * @throws IllegalArgumentException when the Secret is not a pull secret or is malformed; the
   *     message holds no secret value
   */
  public static DockerConfigCredentials fromSecret(
      String type, Map<String, String> data, String origin) {
    String key;
    if (DOCKER_CONFIG_JSON_TYPE.equals(type)) {
      key = DOCKER_CONFIG_JSON_KEY;
    } else if (DOCKERCFG_TYPE.equals(type)) {
      key = DOCKERCFG_KEY;
    } else {
      throw new IllegalArgumentException(
          origin
              + " is of type "
              + type
              + ", not "
              + DOCKER_CONFIG_JSON_TYPE
              + " or "
              + DOCKERCFG_TYPE);
    }
    String encoded = data == null ? null : data.get(key);
    if (encoded == null) {
      throw new IllegalArgumentException(origin + " has no " + key + " key");
    }
    byte[] json;
    try {
      json = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + "'s " + key + " is not base64");
    }
    String text = new String(json, StandardCharsets.UTF_8);
    return key.equals(DOCKER_CONFIG_JSON_KEY)
        ? dockerConfigJson(text, origin)
        : dockerCfg(text, origin);
  }

  /** Parses the text of a {@code .dockerconfigjson}: {@code {"auths":{…}}}. */
  public static DockerConfigCredentials dockerConfigJson(String json, String origin) {
    JsonNode auths = parse(json, origin).path("auths");
    if (!auths.isObject()) {
      throw new IllegalArgumentException(origin + " has no \"auths\" object");
    }
    return fromAuths(auths, origin);
  }

  /** Parses the text of a legacy {@code .dockercfg}: the auths map itself. */
  public static DockerConfigCredentials dockerCfg(String json, String origin) {
    return fromAuths(parse(json, origin), origin);
  }

  /**
   * The credential for a normalised repository {@code domain/path}, such as {@code
   * docker.io/library/nginx}.
   */
  public Optional<RegistryCredential> credentialFor(String repository) {
    int slash = repository.indexOf('/');
    String host = hostKey(slash < 0 ? repository : repository.substring(0, slash));
    String path = slash < 0 ? "" : repository.substring(slash + 1);
    return entries.stream()
        .filter(entry -> entry.host().equals(host) && isPathPrefix(entry.path(), path))
        .max(Comparator.comparingInt(entry -> entry.path().length()))
        .map(Entry::credential);
  }

  private static JsonNode parse(String json, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input, which may be a password.
      throw new IllegalArgumentException(
          origin
              + " is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(origin + " is not a JSON object");
    }
    return root;
  }

  private static DockerConfigCredentials fromAuths(JsonNode auths, String origin) {
    List<Entry> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (!value.isObject()) {
        throw new IllegalArgumentException(origin + "'s entry " + key + " is not an object");
      }
      credential(key, value, origin)
          .ifPresent(
              credential -> {
                String location = location(key);
                int slash = location.indexOf('/');
                entries.add(
                    new Entry(
                        hostKey(slash < 0 ? location : location.substring(0, slash)),
                        slash < 0 ? "" : location.substring(slash + 1),
                        credential));
              });
    }
    return new DockerConfigCredentials(List.copyOf(entries));
  }

  private static Optional<RegistryCredential> credential(
      String key, JsonNode entry, String origin) {
    String source = origin + " (" + key + ")";
    String auth = text(entry, "auth", origin, key);
    if (auth != null && !auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            origin + "'s entry " + key + " has an auth that is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            origin + "'s entry " + key + " has an auth that is not base64 of user:password");
      }
      return Optional.of(
          new RegistryCredential(
              decoded.substring(0, colon), decoded.substring(colon + 1), source));
    }
    String username = text(entry, "username", origin, key);
    String password = text(entry, "password", origin, key);
    if (username == null || username.isEmpty() || password == null) {
      return Optional.empty();
    }
    return Optional.of(new RegistryCredential(username, password, source));
  }

  private static String text(JsonNode entry, String field, String origin, String key) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          origin + "'s entry " + key + " has a " + field + " that is not a string");
    }
    return value.asText();
  }

  // The key without scheme, trailing API version and slashes: host[:port][/path].
  private static String location(String key) {
    String location = key.trim();
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")) {
      location = location.substring("https://".length());
    } else if (lower.startsWith("http://")) {
      location = location.substring("http://".length());
    }
    while (location.endsWith("/")) {
      location = location.substring(0, location.length() - 1);
    }
    if (location.endsWith("/v1") || location.endsWith("/v2")) {
      location = location.substring(0, location.length() - 3);
    }
    while (location.endsWith("/")) {
      location = location.substring(0, location.length() - 1);
    }
    return location;
  }

  private static String hostKey(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return DOCKER_HUB.contains(lower) ? "docker.io" : lower;
  }

  private static boolean isPathPrefix(String prefix, String path) {
    return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
