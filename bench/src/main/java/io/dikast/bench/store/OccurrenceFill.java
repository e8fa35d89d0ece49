package io.dikast.bench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dikast.bench.review.AdmissionReviews;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Fills a Grafeas server over its REST API ({@code occurrences:batchCreate}, 1,000 per batch, 4
 * batches in flight) with occurrences of 10 per image: 4 attestations under one note, 3
 * vulnerabilities and 3 builds. Occurrence {@code i} belongs to image {@code i / 10}; the
 * attestations alternate between the two spellings of the resource the webhook asks for.
 */
public final class OccurrenceFill {

  public static final int PER_IMAGE = 10;
  private static final int BATCH = 1_000;
  private static final int IN_FLIGHT = 4;
  private static final String VULNERABILITY_NOTE = "projects/bench/notes/fill-cve";
  private static final String BUILD_NOTE = "projects/bench/notes/fill-build";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI grafeas;
  private final String repository;
  private final String attestationNote;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param attestationNote an attestation note that exists (the authority whose note the webhook
   *     lists)
   */
  public OccurrenceFill(URI grafeas, String repository, String attestationNote) {
    this.grafeas = grafeas;
    this.repository = repository;
    this.attestationNote = attestationNote;
  }

  /** The image of occurrence {@code i}. */
  public String image(long imageIndex) {
    return AdmissionReviews.pinnedImage(repository, imageIndex);
  }

  public void createNotes() throws IOException, InterruptedException {
    GrafeasRest.requireOk(
        send(
            GrafeasRest.post(
                grafeas, "/v1/projects/bench/notes?noteId=fill-cve", "{\"vulnerability\":{}}")));
    GrafeasRest.requireOk(
        send(
            GrafeasRest.post(
                grafeas,
                "/v1/projects/bench/notes?noteId=fill-build",
                "{\"build\":{\"builderVersion\":\"bench\"}}")));
  }

  /** Creates occurrences {@code from} (inclusive) to {@code to} (exclusive); returns per second. */
  public double fill(long from, long to) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<HttpResponse<String>>> batches = new ArrayList<>();
    for (long first = from; first < to; first += BATCH) {
      String body = batch(first, Math.min(first + BATCH, to));
      slots.acquire();
      batches.add(
          http.sendAsync(
                  GrafeasRest.post(grafeas, "/v1/projects/bench/occurrences:batchCreate", body),
                  HttpResponse.BodyHandlers.ofString())
              .whenComplete((answer, failure) -> slots.release()));
    }
    for (CompletableFuture<HttpResponse<String>> batch : batches) {
      GrafeasRest.requireOk(batch.join());
    }
    return (to - from) / ((System.nanoTime() - started) / 1e9);
  }

  private String batch(long from, long to) throws IOException {
    ObjectNode request = JSON.createObjectNode();
    ArrayNode occurrences = request.putArray("occurrences");
    for (long i = from; i < to; i++) {
      String pinned = image(i / PER_IMAGE);
      ObjectNode occurrence = occurrences.addObject();
      int slot = (int) (i % PER_IMAGE);
      if (slot < 4) {
        occurrence
            .put("resourceUri", slot % 2 == 0 ? "https://" + pinned : pinned)
            .put("noteName", attestationNote)
            .putObject("attestation")
            .put("serializedPayload", "YmVuY2g=");
      } else if (slot < 7) {
        occurrence
            .put("resourceUri", "https://" + pinned)
            .put("noteName", VULNERABILITY_NOTE)
            .putObject("vulnerability")
            .put("severity", "LOW");
      } else {
        occurrence
            .put("resourceUri", "https://" + pinned)
            .put("noteName", BUILD_NOTE)
            .putObject("build")
            .putObject("provenance")
            .put("id", "b" + i);
      }
    }
    return JSON.writeValueAsString(request);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
