package io.dikast.verifier.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.testing.OpenSsl;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Images and cosign signature manifests ({@code sha256-<hex>.sig}, one simple-signing layer per
 * signature) pushed to a {@link LocalRegistry}, laid out as cosign lays them out.
 */
public final class CosignImages {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A layer of a signature manifest: its media type, blob and annotations. */
  public record Layer(String mediaType, byte[] payload, Map<String, String> annotations) {

    public Layer {
      payload = payload.clone();
      annotations = Map.copyOf(annotations);
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  private static final AtomicInteger FRESH = new AtomicInteger();

  private CosignImages() {}

  /**
   * Pushes a small OCI image (one layer of {@code content}) to repository {@code path}.
   *
   * @return the image manifest's digest, which signatures bind
   */
  public static String pushImage(LocalRegistry registry, String path, String content) {
    byte[] layer = content.getBytes(UTF_8);
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\""
                + LocalRegistry.sha256(layer)
                + "\"]},\"config\":{}}")
            .getBytes(UTF_8);
    ObjectNode manifest =
        manifest(
            OCI_MANIFEST,
            descriptor(OCI_CONFIG, registry.pushBlob(path, config), config.length),
            List.of(
                descriptor(
                    "application/vnd.oci.image.layer.v1.tar",
                    registry.pushBlob(path, layer),
                    layer.length)));
    return registry.pushManifest(path, "latest", OCI_MANIFEST, bytes(manifest));
  }

  /** A fresh image in a repository of its own, so tests do not see each other's signatures. */
  public static ImageReference freshImage(LocalRegistry registry) {
    int n = FRESH.incrementAndGet();
    String path = "team/app" + n;
    return ImageReference.parse(
        registry.repository(path) + "@" + pushImage(registry, path, "content of image " + n));
  }

  /** The path of an image's repository within its registry: {@code team/app1}. */
  public static String path(ImageReference image) {
    return image.repository().substring(image.repository().indexOf('/') + 1);
  }

  /** cosign's simple-signing payload for an image, byte for byte as cosign writes it. */
  public static byte[] payload(String repository, String digest) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\""
            + repository
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + digest
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
        .getBytes(UTF_8);
  }

  /** A simple-signing layer whose signature {@code openssl} made with {@code key}. */
  public static Layer signed(OpenSsl openssl, OpenSsl.Key key, byte[] payload) {
    return signature(
        payload, Base64.getEncoder().encodeToString(openssl.sign(key, "SHA256", payload)));
  }

  /** A simple-signing layer carrying a given base64 signature. */
  public static Layer signature(byte[] payload, String signatureBase64) {
    return new Layer(SIMPLE_SIGNING, payload, Map.of(SIGNATURE_ANNOTATION, signatureBase64));
  }

  /** cosign's tag for an image digest: {@code sha256:<hex>} becomes {@code sha256-<hex>.sig}. */
  public static String signatureTag(String imageDigest) {
    return imageDigest.replace(':', '-') + ".sig";
  }

  /** Pushes an OCI signature manifest, as cosign 2 writes it, for the image at {@code digest}. */
  public static String pushSignatures(
      LocalRegistry registry, String path, String imageDigest, List<Layer> layers) {
    return pushSignatures(registry, path, imageDigest, OCI_MANIFEST, layers);
  }

  /**
   * Pushes a signature manifest of the given media type: {@link #OCI_MANIFEST}, or {@link
   * #DOCKER_MANIFEST} as early cosign wrote it.
   *
   * @return the signature manifest's digest
   */
  public static String pushSignatures(
      LocalRegistry registry,
      String path,
      String imageDigest,
      String manifestMediaType,
      List<Layer> layers) {
    ArrayNode diffIds = JSON.createArrayNode();
    List<ObjectNode> descriptors =
        layers.stream()
            .map(
                layer -> {
                  String digest = registry.pushBlob(path, layer.payload());
                  diffIds.add(digest);
                  ObjectNode descriptor =
                      descriptor(layer.mediaType(), digest, layer.payload().length);
                  if (!layer.annotations().isEmpty()) {
                    descriptor.set(
                        "annotations", JSON.valueToTree(new LinkedHashMap<>(layer.annotations())));
                  }
                  return descriptor;
                })
            .toList();
    ObjectNode config = JSON.createObjectNode().put("architecture", "").put("os", "");
    config.putObject("rootfs").put("type", "layers").set("diff_ids", diffIds);
    config.putObject("config");
    byte[] configBytes = bytes(config);
    String configType = manifestMediaType.equals(DOCKER_MANIFEST) ? DOCKER_CONFIG : OCI_CONFIG;
    ObjectNode manifest =
        manifest(
            manifestMediaType,
            descriptor(configType, registry.pushBlob(path, configBytes), configBytes.length),
            descriptors);
    return registry.pushManifest(
        path, signatureTag(imageDigest), manifestMediaType, bytes(manifest));
  }

  /** An OCI image index listing one image manifest, to put where a signature manifest belongs. */
  public static byte[] index(String manifestDigest) {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
    index.putArray("manifests").add(descriptor(OCI_MANIFEST, manifestDigest, 1));
    return bytes(index);
  }

  public static ObjectNode descriptor(String mediaType, String digest, long size) {
    return JSON.createObjectNode()
        .put("mediaType", mediaType)
        .put("digest", digest)
        .put("size", size);
  }

  public static ObjectNode manifest(String mediaType, ObjectNode config, List<ObjectNode> layers) {
    ObjectNode manifest =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", mediaType);
    manifest.set("config", config);
    manifest.putArray("layers").addAll(layers);
    return manifest;
  }

  public static byte[] bytes(ObjectNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
