package io.dikast.verifier.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate.ContentDescriptorTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.V21ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the simple-signing layers out of the manifest at a cosign signature tag: an OCI image
 * manifest, or a Docker schema 2 one as early cosign wrote, with at most {@value #MAX_LAYERS}
 * layers, each payload at most {@value #MAX_PAYLOAD_BYTES} bytes.
 */
final class SignatureManifest {

  static final String SIMPLE_SIGNING_MEDIA_TYPE =
      "application/vnd.dev.cosign.simplesigning.v1+json";
  // Bounds on what an admission request reads from a registry; cosign's payloads are ~250 bytes.
  static final int MAX_LAYERS = 16;
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SignatureManifest() {}

  /**
   * @param where the repository and tag, for messages
   */
  static List<SignatureLayer> simpleSigningLayers(ManifestTemplate manifest, String where)
      throws UnreadableSignaturesException {
    if (!(manifest instanceof BuildableManifestTemplate image)) {
      throw unreadable(
          where,
          manifest instanceof V21ManifestTemplate
              ? "it is a Docker schema 1 manifest"
              : "it is an image index, not an image manifest");
    }
    List<ContentDescriptorTemplate> layers = image.getLayers();
    if (layers.size() > MAX_LAYERS) {
      throw unreadable(where, "it has " + layers.size() + " layers, more than " + MAX_LAYERS);
    }
    JsonNode layerJson = layerJson(manifest, where);
    List<SignatureLayer> signatures = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      // Jib keeps a descriptor's media type private, so it is read back from Jib's own JSON.
      if (!SIMPLE_SIGNING_MEDIA_TYPE.equals(layerJson.path(i).path("mediaType").asText(null))) {
        continue;
      }
      ContentDescriptorTemplate layer = layers.get(i);
      if (layer.getDigest() == null) {
        throw unreadable(where, "layer " + (i + 1) + " has no digest");
      }
      if (layer.getSize() > MAX_PAYLOAD_BYTES) {
        throw unreadable(
            where,
            "layer "
                + (i + 1)
                + " has a payload of "
                + layer.getSize()
                + " bytes, more than "
                + MAX_PAYLOAD_BYTES);
      }
      signatures.add(
          new SignatureLayer(i + 1, layer.getDigest(), layer.getSize(), layer.getAnnotations()));
    }
    if (signatures.isEmpty()) {
      throw unreadable(where, "it has no simple-signing layer");
    }
    return signatures;
  }

  static UnreadableSignaturesException unreadable(String where, String reason) {
    return new UnreadableSignaturesException(
        "cosign signature manifest " + where + " is unreadable (" + reason + ")");
  }

  /** The manifest's layer descriptors as JSON, media types included. */
  static JsonNode layerJson(ManifestTemplate manifest, String where)
      throws UnreadableSignaturesException {
    try {
      return JSON.readTree(JsonTemplateMapper.toUtf8String(manifest)).path("layers");
    } catch (IOException e) {
      throw unreadable(where, "Jib cannot write it back as JSON: " + e.getMessage());
    }
  }
}
