package io.dikast.verifier.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The config blob and manifest of a cosign signature image, as go-containerregistry's {@code
 * mutate.Append} writes them for cosign: an OCI manifest whose layers are the signatures and whose
 * config lists each layer's payload digest as its diff id (the payloads are stored uncompressed).
 * Pure.
 */
final class SignatureImage {

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SignatureImage() {}

  /** A simple-signing layer descriptor for a payload blob and its base64 signature. */
  static ObjectNode layer(String payloadDigest, long size, String signatureBase64) {
    ObjectNode layer = descriptor(SignatureManifest.SIMPLE_SIGNING_MEDIA_TYPE, payloadDigest, size);
    layer.putObject("annotations").put(SignatureLayer.SIGNATURE_ANNOTATION, signatureBase64);
    return layer;
  }

  /**
   * Whether {@code layers} already hold a layer with the same media type, payload and signature.
   */
  static boolean holds(List<JsonNode> layers, JsonNode layer) {
    // Compared field by field: a size parsed from the registry and one written here may be
    // different numeric node types.
    return layers.stream()
        .anyMatch(
            existing ->
                same(existing, layer, "mediaType")
                    && same(existing, layer, "digest")
                    && existing
                        .path("annotations")
                        .path(SignatureLayer.SIGNATURE_ANNOTATION)
                        .equals(
                            layer.path("annotations").path(SignatureLayer.SIGNATURE_ANNOTATION)));
  }

  private static boolean same(JsonNode a, JsonNode b, String field) {
    return a.path(field).equals(b.path(field));
  }

  /**
   * The config blob for these layers; verifiers ignore it, cosign and go-containerregistry write
   * it, and registries expect one. Every history entry is stamped {@code created}, since earlier
   * signing times are not kept in the manifest.
   */
  static byte[] config(List<JsonNode> layers, Instant created) {
    String time = created.truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode config = JSON.createObjectNode().put("architecture", "").put("created", time);
    ArrayNode history = config.putArray("history");
    layers.forEach(layer -> history.addObject().put("created", time));
    config.put("os", "");
    ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    layers.forEach(layer -> diffIds.add(layer.path("digest").asText()));
    config.putObject("config");
    return bytes(config);
  }

  /** The OCI manifest of a config blob and layers, as JSON for Jib's manifest template. */
  static String manifest(String configDigest, long configSize, List<JsonNode> layers) {
    ObjectNode manifest =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
    manifest.set("config", descriptor(OCI_CONFIG, configDigest, configSize));
    manifest.putArray("layers").addAll(layers);
    return new String(bytes(manifest), StandardCharsets.UTF_8);
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    return JSON.createObjectNode()
        .put("mediaType", mediaType)
        .put("digest", digest)
        .put("size", size);
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }
}
