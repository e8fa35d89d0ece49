package io.dikast.verifier.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.UnknownManifestFormatException;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.dikast.engine.attestation.CosignSignature;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One lookup's conversation with the registry, through one connection, on one thread. */
final class SignatureLookup {

  private final String tag;
  private final RegistryConnection connection;

  SignatureLookup(CosignLookup lookup, RegistryConnection connection) {
    this.tag = lookup.tag();
    this.connection = connection;
  }

  List<CosignSignature> read() throws UnreadableSignaturesException, BackendUnavailableException {
    return connection.call(RegistryConnection.Scope.PULL, this::read);
  }

  private List<CosignSignature> read(RegistryClient client)
      throws IOException, RegistryException, UnreadableSignaturesException {
    Optional<ManifestAndDigest<ManifestTemplate>> manifest = manifest(client, tag, where());
    if (manifest.isEmpty()) {
      return List.of();
    }
    List<CosignSignature> signatures = new ArrayList<>();
    for (SignatureLayer layer :
        SignatureManifest.simpleSigningLayers(manifest.get().getManifest(), where())) {
      signatures.add(
          new CosignSignature(
              payload(client, layer),
              layer.annotations().get(SignatureLayer.SIGNATURE_ANNOTATION),
              layer.annotations().get(SignatureLayer.CERTIFICATE_ANNOTATION)));
    }
    return signatures;
  }

  /**
   * The manifest at {@code tag}, empty when there is none.
   *
   * @param where the repository and tag, for messages
   */
  static Optional<ManifestAndDigest<ManifestTemplate>> manifest(
      RegistryClient client, String tag, String where)
      throws IOException, RegistryException, UnreadableSignaturesException {
    try {
      return client.checkManifest(tag);
    } catch (UnknownManifestFormatException e) {
      throw SignatureManifest.unreadable(where, e.getMessage());
    } catch (IOException e) {
      // Jib parses descriptors strictly: a field it does not know (OCI 1.1's artifactType, data)
      // fails the parse, which is the registry's answer, not an outage.
      if (RegistryFailures.hasCause(e, JsonProcessingException.class)) {
        throw SignatureManifest.unreadable(where, "Jib cannot parse it: " + firstLine(e));
      }
      throw e;
    }
  }

  private byte[] payload(RegistryClient client, SignatureLayer layer)
      throws IOException, UnreadableSignaturesException {
    BoundedBytes bytes = new BoundedBytes(layer.size());
    try {
      client.pullBlob(layer.digest(), size -> {}, progress -> {}).writeTo(bytes);
    } catch (IOException e) {
      if (RegistryFailures.hasCause(e, BoundedBytes.TooLargeException.class)) {
        throw SignatureManifest.unreadable(
            where(), "layer " + layer.position() + "'s payload is larger than its descriptor says");
      }
      if (isDigestMismatch(e)) {
        throw SignatureManifest.unreadable(
            where(), "layer " + layer.position() + ": payload digest mismatch");
      }
      throw e;
    }
    return bytes.toByteArray();
  }

  // Jib's UnexpectedBlobDigestException is package-private, so it is known by name.
  private static boolean isDigestMismatch(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals("UnexpectedBlobDigestException")) {
        return true;
      }
    }
    return false;
  }

  private String where() {
    return connection.where(tag);
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
