package io.dikast.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dikast.bench.keys.BenchKeys;
import io.dikast.bench.keys.BenchKeys.PkixKey;
import io.dikast.bench.store.GrafeasRest;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.image.ImageReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Authorities {@code a1…aN}, each with a note in Grafeas and an ECDSA P-256 key, and the manifests
 * that trust them; uploads their attestations over Grafeas' REST API.
 */
final class Attestor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int UPLOADS_IN_FLIGHT = 16;

  private final URI grafeas;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<PkixKey> keys = new ArrayList<>();

  Attestor(URI grafeas, int authorities) {
    this.grafeas = grafeas;
    for (int i = 0; i < authorities; i++) {
      keys.add(BenchKeys.ecdsaP256());
    }
  }

  static String note(int authority) {
    return "projects/bench/notes/a" + (authority + 1);
  }

  void createNotes() throws IOException, InterruptedException {
    for (int i = 0; i < keys.size(); i++) {
      HttpResponse<String> answer =
          http.send(
              GrafeasRest.post(
                  grafeas, "/v1/projects/bench/notes?noteId=a" + (i + 1), "{\"attestation\":{}}"),
              HttpResponse.BodyHandlers.ofString());
      GrafeasRest.requireOk(answer);
    }
  }

  /** The AttestationAuthority manifests, in every namespace given. */
  void writeAuthorities(Path policies, List<String> namespaces) throws IOException {
    for (String namespace : namespaces) {
      for (int i = 0; i < keys.size(); i++) {
        Files.writeString(
            policies.resolve("authority-" + namespace + "-a" + (i + 1) + ".yaml"),
            """
            apiVersion: kritis.grafeas.io/v1beta1
            kind: AttestationAuthority
            metadata: {name: a%d, namespace: %s}
            spec:
              noteReference: %s
              publicKeys:
              - keyType: PKIX
                pkixPublicKey:
                  signatureAlgorithm: ECDSA_P256_SHA256
                  publicKeyPem: |
            %s"""
                .formatted(i + 1, namespace, note(i), keys.get(i).publicKeyPem().indent(8)));
      }
    }
  }

  /** Attests each image by the first {@code authorities} authorities. */
  void attest(List<String> images, int authorities) throws IOException, InterruptedException {
    Semaphore slots = new Semaphore(UPLOADS_IN_FLIGHT);
    List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
    for (String image : images) {
      byte[] payload = AtomicContainerSignature.payloadFor(ImageReference.parse(image));
      for (int i = 0; i < authorities; i++) {
        slots.acquire();
        uploads.add(
            http.sendAsync(
                    GrafeasRest.post(
                        grafeas, "/v1/projects/bench/occurrences", occurrence(image, payload, i)),
                    HttpResponse.BodyHandlers.ofString())
                .whenComplete((answer, failure) -> slots.release()));
      }
    }
    for (CompletableFuture<HttpResponse<String>> upload : uploads) {
      GrafeasRest.requireOk(upload.join());
    }
  }

  private String occurrence(String image, byte[] payload, int authority) throws IOException {
    PkixKey key = keys.get(authority);
    ObjectNode occurrence = JSON.createObjectNode();
    occurrence.put("resourceUri", "https://" + image).put("noteName", note(authority));
    ObjectNode attestation = occurrence.putObject("attestation");
    attestation.put("serializedPayload", Base64.getEncoder().encodeToString(payload));
    attestation
        .putArray("signatures")
        .addObject()
        .put("signature", Base64.getEncoder().encodeToString(key.signing().sign(payload)))
        .put("publicKeyId", key.signing().publicKeyId());
    return JSON.writeValueAsString(occurrence);
  }
}
