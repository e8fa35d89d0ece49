package io.dikast.engine.attestation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dikast.engine.image.ImageReference;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The "atomic container signature" JSON payload (containers/image's simple signing format, as
 * Kritis and Binary Authorization signers write it, and as cosign writes it with its own type):
 * which repository and manifest digest a signature vouches for.
 */
public final class AtomicContainerSignature {

  static final String TYPE = "atomic container signature";

  /** The type cosign's keyed signatures in a registry carry (cosign's SIGNATURE_SPEC). */
  static final String COSIGN_TYPE = "cosign container image signature";

  // Duplicate keys are refused rather than "last wins": a verifier and a signer that resolved them
  // differently would disagree about which digest was signed.
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Map<String, Set<String>> CRITICAL_FIELDS =
      Map.of(
          "critical", Set.of("type", "identity", "image"),
          "identity", Set.of("docker-reference"),
          "image", Set.of("docker-manifest-digest"));

  private final String dockerReference;
  private final String manifestDigest;

  private AtomicContainerSignature(String dockerReference, String manifestDigest) {
    this.dockerReference = dockerReference;
    this.manifestDigest = manifestDigest;
  }

  /** The canonical payload a signer signs for a digest-pinned image. */
  public static byte[] payloadFor(ImageReference image) {
    return write(payload(image, TYPE));
  }

  /**
   * cosign's payload for a digest-pinned image, byte for byte as cosign writes it (Go's compact
   * {@code json.Marshal}, with {@code "optional":null} when there are no annotations), so a
   * signature made over it is one cosign itself verifies.
   */
  public static byte[] cosignPayloadFor(ImageReference image) {
    ObjectNode root = payload(image, COSIGN_TYPE);
    root.putNull("optional");
    return write(root);
  }

  private static ObjectNode payload(ImageReference image, String type) {
    if (!image.isDigestPinned()) {
      throw new IllegalArgumentException("image " + image + " is not pinned by a sha256 digest");
    }
    ObjectNode root = STRICT.createObjectNode();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", image.repository());
    critical.putObject("image").put("docker-manifest-digest", image.digest().orElseThrow());
    critical.put("type", type);
    return root;
  }

  private static byte[] write(ObjectNode root) {
    try {
      return STRICT.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  static AtomicContainerSignature parse(byte[] payload) throws Rejection {
    return parse(payload, TYPE);
  }

  /** The payload, which must be of {@code expectedType}: a cosign one never passes for another. */
  static AtomicContainerSignature parse(byte[] payload, String expectedType) throws Rejection {
    JsonNode root;
    try {
      root = STRICT.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new Rejection(
          "payload is not strict JSON (" + Rejection.quote(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new Rejection("payload is not readable JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Rejection("payload JSON is not an object");
    }
    JsonNode critical = requireObject(root, "critical");
    requireOnlyKnownFields(critical, "critical");
    String type = requireText(critical, "type");
    if (!type.equals(expectedType)) {
      throw new Rejection(
          "payload type is \"" + Rejection.quote(type) + "\", not \"" + expectedType + "\"");
    }
    JsonNode identity = requireObject(critical, "identity");
    requireOnlyKnownFields(identity, "identity");
    JsonNode image = requireObject(critical, "image");
    requireOnlyKnownFields(image, "image");
    return new AtomicContainerSignature(
        requireText(identity, "docker-reference"), requireText(image, "docker-manifest-digest"));
  }

  String dockerReference() {
    return dockerReference;
  }

  String manifestDigest() {
    return manifestDigest;
  }

  private static JsonNode requireObject(JsonNode parent, String field) throws Rejection {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new Rejection("payload has no \"" + field + "\" object");
    }
    return node;
  }

  private static String requireText(JsonNode parent, String field) throws Rejection {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new Rejection("payload has no \"" + field + "\" string");
    }
    return node.textValue();
  }

  // The format requires consumers to reject critical fields they do not understand.
  private static void requireOnlyKnownFields(JsonNode node, String section) throws Rejection {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CRITICAL_FIELDS.get(section).contains(name)) {
        throw new Rejection("payload has unknown critical field \"" + Rejection.quote(name) + "\"");
      }
    }
  }
}
