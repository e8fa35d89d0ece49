package io.dikast.verifier.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.hash.Digests;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds a keyed signature to an image's cosign signature manifest the way {@code cosign sign} does:
 * pull the manifest at {@code sha256-<hex>.sig} if there is one, keep its layers, append a
 * simple-signing layer for the payload and signature, and push the payload, a new config and the
 * manifest to the same tag. Like cosign's, the read-append-push is not atomic: two signers racing
 * on one tag can lose a signature. Reaches the registry as {@link JibCosignSignatureSource} does.
 */
public final class CosignSignatureWriter {

  /**
   * What the signature manifest holds after a write.
   *
   * @param manifestDigest the digest of the manifest now at the tag
   * @param signatures how many layers the manifest has
   * @param added false when an identical signature layer was already there and nothing was pushed
   */
  public record Written(
      String repository, String tag, String manifestDigest, int signatures, boolean added) {}

  private final Clock clock;

  /**
   * @param clock stamps the config's creation time, as cosign does
   */
  public CosignSignatureWriter(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param target the signed image, and where and how its signature manifest is reached
   * @param payload the simple-signing payload that was signed
   * @param signatureBase64 the signature over {@code payload}, base64 with padding
   * @throws UnreadableSignaturesException when the tag holds something other than a signature
   *     manifest (an image index, an image), or one already holding as many signatures as a
   *     verifier reads; nothing is pushed
   * @throws BackendUnavailableException when the registry could not be reached, refused the
   *     credentials or presented an untrusted certificate; the message names the registry
   */
  public Written write(CosignLookup target, byte[] payload, String signatureBase64)
      throws UnreadableSignaturesException, BackendUnavailableException {
    try (RegistryConnection connection =
        RegistryConnection.open(target.repository(), target.access())) {
      return connection.call(
          RegistryConnection.Scope.PUSH,
          client ->
              write(
                  client, target.repository(), target.tag(), connection, payload, signatureBase64));
    }
  }

  private Written write(
      RegistryClient client,
      String repository,
      String tag,
      RegistryConnection connection,
      byte[] payload,
      String signatureBase64)
      throws IOException, RegistryException, UnreadableSignaturesException {
    String where = connection.where(tag);
    Optional<ManifestAndDigest<ManifestTemplate>> existing =
        SignatureLookup.manifest(client, tag, where);
    List<JsonNode> layers = existing.isPresent() ? layers(existing.get(), where) : List.of();
    BlobDescriptor blob = descriptor(payload);
    JsonNode layer =
        SignatureImage.layer(blob.getDigest().toString(), blob.getSize(), signatureBase64);
    if (SignatureImage.holds(layers, layer)) {
      return new Written(
          repository, tag, existing.get().getDigest().toString(), layers.size(), false);
    }
    if (layers.size() >= SignatureManifest.MAX_LAYERS) {
      throw refused(where, "it already holds " + layers.size() + " signatures, the most read");
    }
    List<JsonNode> appended = new ArrayList<>(layers);
    appended.add(layer);
    push(client, blob.getDigest(), payload);
    byte[] config = SignatureImage.config(appended, clock.instant());
    BlobDescriptor configBlob = descriptor(config);
    push(client, configBlob.getDigest(), config);
    OciManifestTemplate manifest =
        JsonTemplateMapper.readJson(
            SignatureImage.manifest(
                configBlob.getDigest().toString(), configBlob.getSize(), appended),
            OciManifestTemplate.class);
    DescriptorDigest pushed = client.pushManifest(manifest, tag);
    return new Written(repository, tag, pushed.toString(), appended.size(), true);
  }

  // The existing layers are kept as their descriptors say, whatever their media type.
  private static List<JsonNode> layers(ManifestAndDigest<ManifestTemplate> existing, String where)
      throws UnreadableSignaturesException {
    ManifestTemplate manifest = existing.getManifest();
    try {
      SignatureManifest.simpleSigningLayers(manifest, where);
    } catch (UnreadableSignaturesException e) {
      throw refused(where, e.getMessage());
    }
    List<JsonNode> layers = new ArrayList<>();
    SignatureManifest.layerJson(manifest, where).forEach(layers::add);
    return layers;
  }

  private static UnreadableSignaturesException refused(String where, String reason) {
    return new UnreadableSignaturesException(
        "will not add a signature to " + where + ": " + reason);
  }

  private static BlobDescriptor descriptor(byte[] content) throws IOException {
    return Digests.computeDigest(new ByteArrayInputStream(content));
  }

  private static void push(RegistryClient client, DescriptorDigest digest, byte[] content)
      throws IOException, RegistryException {
    client.pushBlob(digest, Blobs.from(out -> out.write(content), true), null, size -> {});
  }
}
