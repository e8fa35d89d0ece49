package io.dikast.bench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.bench.load.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * The Grafeas server on each store, grown to 10^4, 10^5 and 10^6 occurrences: the batch-create rate
 * of each step, then the latency of the two lists the webhook sends for an image (its authority's
 * attestations, and its vulnerabilities), one at a time from one client.
 */
public final class StoreRun {

  private static final List<Long> SIZES = List.of(10_000L, 100_000L, 1_000_000L);
  private static final int WARM_UP = 200;
  private static final int LISTS = 2_000;
  private static final String NOTE = "projects/bench/notes/qa";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path checkout;
  private final HttpClient http = HttpClient.newHttpClient();

  public StoreRun(Path checkout) {
    this.checkout = checkout;
  }

  /** Runs both stores and returns the report's section. */
  public String run() throws IOException, InterruptedException {
    List<StoreRow> rows = new ArrayList<>();
    try (Stack stack = new Stack()) {
      stack.startGrafeas(grafeasJar());
      rows.addAll(grow("embedded H2", stack.grafeasRest(), null));
    }
    try (PostgresServer postgres = PostgresServer.start(checkout);
        Stack stack = new Stack()) {
      stack.startGrafeas(grafeasJar(), postgres.grafeasStorage());
      rows.addAll(grow("PostgreSQL", stack.grafeasRest(), postgres));
    }
    return StoreTable.markdown(rows);
  }

  private List<StoreRow> grow(String store, URI grafeas, PostgresServer postgres)
      throws IOException, InterruptedException {
    GrafeasRest.requireOk(
        http.send(
            GrafeasRest.post(grafeas, "/v1/projects/bench/notes?noteId=qa", "{\"attestation\":{}}"),
            HttpResponse.BodyHandlers.ofString()));
    OccurrenceFill fill = new OccurrenceFill(grafeas, "registry.example.com/bench/store", NOTE);
    fill.createNotes();
    List<StoreRow> rows = new ArrayList<>();
    long size = 0;
    for (long target : SIZES) {
      double rate = fill.fill(size, target);
      size = target;
      System.out.printf("%s: %,d occurrences, batch create %.0f/s%n", store, size, rate);
      if (postgres != null) {
        postgres.analyze();
      }
      long images = size / OccurrenceFill.PER_IMAGE;
      rows.add(
          measure(
              store,
              size,
              rate,
              "attestations of the authority's note",
              n -> attestations(grafeas, fill.image(n)),
              images,
              4));
      rows.add(
          measure(
              store,
              size,
              rate,
              "the image's vulnerabilities",
              n -> vulnerabilities(grafeas, fill.image(n)),
              images,
              3));
    }
    return rows;
  }

  private StoreRow measure(
      String store,
      long size,
      double rate,
      String query,
      LongFunction<HttpRequest> request,
      long images,
      int expected)
      throws IOException, InterruptedException {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < WARM_UP; i++) {
      http.send(request.apply(random.nextLong(images)), HttpResponse.BodyHandlers.discarding());
    }
    Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    long errors = 0;
    for (int i = 0; i < LISTS; i++) {
      HttpRequest list = request.apply(random.nextLong(images));
      long started = System.nanoTime();
      HttpResponse<String> answer = http.send(list, HttpResponse.BodyHandlers.ofString());
      micros.recordValue((System.nanoTime() - started) / 1_000);
      if (answer.statusCode() != 200
          || JSON.readTree(answer.body()).path("occurrences").size() != expected) {
        errors++;
      }
    }
    return new StoreRow(
        store,
        size,
        rate,
        query,
        LISTS,
        errors,
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(90) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0,
        micros.getMaxValue() / 1000.0);
  }

  /** ListNoteOccurrences with the webhook's filter (both spellings of the resource). */
  private static HttpRequest attestations(URI grafeas, String pinned) {
    String filter = "resourceUrl=\"https://%s\" OR resourceUrl=\"%s\"".formatted(pinned, pinned);
    return get(grafeas, "/v1/" + NOTE + "/occurrences?pageSize=1000&filter=" + encode(filter));
  }

  /** ListOccurrences with the webhook's vulnerability filter. */
  private static HttpRequest vulnerabilities(URI grafeas, String pinned) {
    String filter =
        "(resourceUrl=\"https://%s\" OR resourceUrl=\"%s\") AND kind=\"VULNERABILITY\""
            .formatted(pinned, pinned);
    return get(grafeas, "/v1/projects/bench/occurrences?pageSize=1000&filter=" + encode(filter));
  }

  private static HttpRequest get(URI grafeas, String pathAndQuery) {
    return HttpRequest.newBuilder(grafeas.resolve(pathAndQuery)).build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Path grafeasJar() {
    Path jar = checkout.resolve("grafeas-server/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build first with mvn -B -DskipTests package");
    }
    return jar;
  }
}
