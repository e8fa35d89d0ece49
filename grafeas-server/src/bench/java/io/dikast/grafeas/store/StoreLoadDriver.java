package io.dikast.grafeas.store;

import io.agroal.api.AgroalDataSource;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Load driver (not a test): fills a store with occurrences in batches, then measures the latency of
 * listing one image's attestations, the query the admission webhook depends on.
 *
 * <p>System properties: {@code bench.store} ({@code embedded} | {@code postgresql}), {@code
 * bench.occurrences}, {@code bench.images}, {@code bench.batch}, {@code bench.queries}, {@code
 * bench.jdbc-url} (postgresql), {@code bench.path} (embedded; default a new temporary directory)
 * and {@code bench.reuse} (measure the lists on the data a previous run left).
 */
public final class StoreLoadDriver {

  private static final List<NoteKind> KINDS =
      List.of(NoteKind.ATTESTATION, NoteKind.VULNERABILITY, NoteKind.BUILD);
  private static final String PROJECT = "projects/payments";

  private StoreLoadDriver() {}

  public static void main(String[] args) throws Exception {
    String type = System.getProperty("bench.store", "embedded");
    int occurrences = Integer.getInteger("bench.occurrences", 100_000);
    int images = Integer.getInteger("bench.images", 10_000);
    int batch = Integer.getInteger("bench.batch", 1_000);
    int queries = Integer.getInteger("bench.queries", 2_000);
    System.out.printf(
        "store=%s occurrences=%d images=%d batch=%d queries=%d cores=%d date=%s%n",
        type,
        occurrences,
        images,
        batch,
        queries,
        Runtime.getRuntime().availableProcessors(),
        LocalDate.now());
    try (JdbcGrafeasStore store = JdbcGrafeasStore.open(dataSource(type))) {
      if (!Boolean.getBoolean("bench.reuse")) {
        fill(store, occurrences, images, batch);
      }
      measureLists(store, images, queries, "resourceUrl=\"%s\" AND kind=\"ATTESTATION\"");
      measureLists(store, images, queries, "resourceUrl=\"%s\"");
    }
  }

  private static AgroalDataSource dataSource(String type) throws Exception {
    if (type.equals("postgresql")) {
      String url = System.getProperty("bench.jdbc-url", "jdbc:postgresql://127.0.0.1:55432/dikast");
      return StorageDataSources.postgresql(url, "dikast", "dikast", 4, Duration.ofSeconds(30));
    }
    String path = System.getProperty("bench.path");
    return StorageDataSources.embedded(
        path != null ? Path.of(path) : Files.createTempDirectory("grafeas-bench"));
  }

  private static void fill(JdbcGrafeasStore store, int occurrences, int images, int batch) {
    List<Note> notes = new ArrayList<>();
    for (NoteKind kind : KINDS) {
      notes.add(Note.newBuilder().setName(noteName(kind)).setKind(kind).build());
    }
    store.createNotes(notes);
    long started = System.nanoTime();
    for (int first = 0; first < occurrences; first += batch) {
      List<Occurrence> chunk = new ArrayList<>(batch);
      for (int i = first; i < Math.min(first + batch, occurrences); i++) {
        chunk.add(occurrence(i, images));
      }
      store.createOccurrences(chunk);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "batch create: %d occurrences in %.1f s = %.0f occurrences/s (batches of %d)%n",
        occurrences, seconds, occurrences / seconds, batch);
  }

  private static void measureLists(
      JdbcGrafeasStore store, int images, int queries, String filterFormat) {
    SplittableRandom random = new SplittableRandom(42);
    for (int warmup = 0; warmup < queries / 10; warmup++) {
      list(store, filterFormat, random.nextInt(images));
    }
    long[] micros = new long[queries];
    long rows = 0;
    for (int q = 0; q < queries; q++) {
      long started = System.nanoTime();
      rows += list(store, filterFormat, random.nextInt(images));
      micros[q] = (System.nanoTime() - started) / 1_000;
    }
    Arrays.sort(micros);
    System.out.printf(
        "list %s (first page of 20), %d queries, %.1f rows each: p50 %.2f ms, p95 %.2f ms,"
            + " p99 %.2f ms, max %.2f ms%n",
        String.format(filterFormat, "<image>"),
        queries,
        (double) rows / queries,
        percentile(micros, 50),
        percentile(micros, 95),
        percentile(micros, 99),
        micros[micros.length - 1] / 1000.0);
  }

  private static int list(JdbcGrafeasStore store, String filterFormat, int image) {
    String filter = String.format(filterFormat, imageUri(image));
    return store.listOccurrences(PROJECT, new ListQuery(filter, 0, "")).items().size();
  }

  private static double percentile(long[] sortedMicros, int percent) {
    int index = Math.min(sortedMicros.length - 1, sortedMicros.length * percent / 100);
    return sortedMicros[index] / 1000.0;
  }

  private static Occurrence occurrence(int i, int images) {
    NoteKind kind = KINDS.get(i % KINDS.size());
    return Occurrence.newBuilder()
        .setName(PROJECT + "/occurrences/o" + i)
        .setNoteName(noteName(kind))
        .setKind(kind)
        .setResourceUri(imageUri(i % images))
        .build();
  }

  private static String noteName(NoteKind kind) {
    return "projects/bench/notes/" + kind.name().toLowerCase();
  }

  private static String imageUri(int image) {
    return String.format("https://gcr.io/hightowerlabs/payment@sha256:%064x", image);
  }
}
