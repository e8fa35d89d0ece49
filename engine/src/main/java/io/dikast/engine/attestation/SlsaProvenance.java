package io.dikast.engine.attestation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a SLSA provenance statement (v1 or v0.2, in an in-toto statement) says about a build: who
 * built it and from which sources. Read only from a payload whose signature was verified; the
 * subject binding is {@link InTotoStatement}'s.
 *
 * @param builderId v1 {@code runDetails.builder.id}, v0.2 {@code builder.id}
 * @param sourceUris the source and dependency URIs, without a trailing {@code @<ref>}, in the order
 *     the statement gives them
 */
public record SlsaProvenance(String predicateType, String builderId, List<String> sourceUris) {

  static final String V1 = "https://slsa.dev/provenance/v1";
  static final String V02 = "https://slsa.dev/provenance/v0.2";

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  public SlsaProvenance {
    sourceUris = List.copyOf(sourceUris);
  }

  /**
   * @throws Rejection when the statement is not SLSA provenance or names no builder
   */
  static SlsaProvenance read(byte[] statement) throws Rejection {
    JsonNode root;
    try {
      root = STRICT.readTree(statement);
    } catch (JsonProcessingException e) {
      throw new Rejection(
          "statement is not strict JSON (" + Rejection.quote(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new Rejection("statement is not readable JSON");
    }
    String type = root == null ? "" : root.path("predicateType").asText("");
    JsonNode predicate = root == null ? null : root.path("predicate");
    if (type.equals(V1)) {
      return v1(predicate);
    }
    if (type.equals(V02)) {
      return v02(predicate);
    }
    throw new Rejection(
        "statement is not SLSA provenance (predicateType \"" + Rejection.quote(type) + "\")");
  }

  private static SlsaProvenance v1(JsonNode predicate) throws Rejection {
    Set<String> sources = new LinkedHashSet<>();
    JsonNode definition = predicate.path("buildDefinition");
    for (JsonNode dependency : definition.path("resolvedDependencies")) {
      addUri(sources, dependency.path("uri"));
    }
    JsonNode external = definition.path("externalParameters");
    addUri(sources, external.path("workflow").path("repository"));
    addUri(sources, external.path("source"));
    return new SlsaProvenance(
        V1, builder(predicate.path("runDetails").path("builder")), new ArrayList<>(sources));
  }

  private static SlsaProvenance v02(JsonNode predicate) throws Rejection {
    Set<String> sources = new LinkedHashSet<>();
    addUri(sources, predicate.path("invocation").path("configSource").path("uri"));
    for (JsonNode material : predicate.path("materials")) {
      addUri(sources, material.path("uri"));
    }
    return new SlsaProvenance(V02, builder(predicate.path("builder")), new ArrayList<>(sources));
  }

  private static String builder(JsonNode builder) throws Rejection {
    String id = builder.path("id").asText("");
    if (!builder.path("id").isTextual() || id.isBlank()) {
      throw new Rejection("provenance names no builder id");
    }
    return id;
  }

  // A source is named with the ref it was built at; policies name repositories.
  private static void addUri(Set<String> sources, JsonNode uri) {
    if (!uri.isTextual() || uri.asText().isBlank()) {
      return;
    }
    String text = uri.asText().strip();
    // The ref follows the last '@' of the path; an '@' before the path is user info.
    int scheme = text.indexOf("://");
    int path = scheme < 0 ? 0 : text.indexOf('/', scheme + 3);
    int at = text.lastIndexOf('@');
    sources.add(path >= 0 && at > path ? text.substring(0, at) : text);
  }
}
