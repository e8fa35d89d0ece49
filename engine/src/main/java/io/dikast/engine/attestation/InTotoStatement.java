package io.dikast.engine.attestation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.image.InvalidImageReferenceException;
import java.io.IOException;
import java.util.Set;

/**
 * An in-toto statement (in-toto attestation framework, v1 and v0.1) as the payload of a DSSE
 * envelope: what it is about is its {@code subject} list, each a name and digests. It binds an
 * image when one subject names the image's repository with the image's sha256 digest.
 */
public final class InTotoStatement {

  static final Set<String> TYPES =
      Set.of("https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1");

  // A 64 KiB payload holds at most about this many; the bound keeps a search over them short.
  private static final int MAX_SUBJECTS = 1024;

  /** The predicate {@code dikast sign --dsse} states: the signer approves the image. */
  public static final String APPROVAL_PREDICATE = "https://dikast.io/attestations/approval/v1";

  // As for the atomic container signature: duplicate keys could make two readers see two subjects.
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private InTotoStatement() {}

  /** A v1 statement of {@code predicateType} with an empty predicate about a pinned image. */
  public static byte[] about(ImageReference image, String predicateType) {
    if (!image.isDigestPinned()) {
      throw new IllegalArgumentException("image " + image + " is not pinned by a sha256 digest");
    }
    ObjectNode root = STRICT.createObjectNode();
    root.put("_type", "https://in-toto.io/Statement/v1");
    ObjectNode subject = root.putArray("subject").addObject();
    subject.put("name", image.repository());
    subject.putObject("digest").put("sha256", hex(image));
    root.put("predicateType", predicateType);
    root.putObject("predicate");
    try {
      return STRICT.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  /**
   * @throws Rejection when the payload is not a statement or no subject is {@code image}
   */
  static void requireSubject(ImageReference image, byte[] payload) throws Rejection {
    JsonNode root;
    try {
      root = STRICT.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new Rejection(
          "statement is not strict JSON (" + Rejection.quote(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new Rejection("statement is not readable JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Rejection("statement JSON is not an object");
    }
    String type = root.path("_type").asText("");
    if (!TYPES.contains(type)) {
      throw new Rejection(
          "statement _type is \"" + Rejection.quote(type) + "\", not an in-toto Statement");
    }
    if (!root.path("predicateType").isTextual()) {
      throw new Rejection("statement has no predicateType");
    }
    JsonNode subjects = root.path("subject");
    if (!subjects.isArray() || subjects.isEmpty()) {
      throw new Rejection("statement has no subject");
    }
    if (subjects.size() > MAX_SUBJECTS) {
      throw new Rejection(
          "statement has " + subjects.size() + " subjects, more than " + MAX_SUBJECTS);
    }
    for (JsonNode subject : subjects) {
      if (names(subject, image)) {
        return;
      }
    }
    throw new Rejection(
        "statement has no subject "
            + image.repository()
            + " with sha256 digest "
            + hex(image)
            + " (it names \""
            + Rejection.quote(subjects.get(0).path("name").asText(""))
            + "\""
            + (subjects.size() > 1 ? " and " + (subjects.size() - 1) + " more" : "")
            + ")");
  }

  private static boolean names(JsonNode subject, ImageReference image) {
    if (!subject.path("name").isTextual()
        || !subject.path("digest").path("sha256").asText("").equals(hex(image))) {
      return false;
    }
    try {
      ImageReference named = ImageReference.parse(subject.path("name").asText());
      // A name that carries a digest of its own must carry this one.
      return named.repository().equals(image.repository())
          && named.anyDigest().map(d -> d.equals(image.digest().orElseThrow())).orElse(true);
    } catch (InvalidImageReferenceException e) {
      return false;
    }
  }

  private static String hex(ImageReference image) {
    return image.digest().orElseThrow().substring("sha256:".length());
  }
}
