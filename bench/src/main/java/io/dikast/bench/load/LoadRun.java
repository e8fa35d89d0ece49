package io.dikast.bench.load;

import io.dikast.bench.report.LoadRow;
import io.dikast.bench.review.AdmissionReviews;
import io.dikast.bench.store.OccurrenceFill;
import io.dikast.bench.store.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * The webhook scenarios: {@code /q/health/live} on the same HTTPS server as the baseline, a warm
 * cache at several rates, 3 and 10 containers per pod, 3 required authorities, and a cold cache
 * where every request names a digest the operator has never seen (attested beforehand). The Grafeas
 * server runs on PostgreSQL holding 100,000 other occurrences, 40,000 of them attestations under
 * the first authority's note, so the cold lists search a store of that size.
 */
public final class LoadRun {

  private static final Duration STEP = Duration.ofSeconds(10);
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final List<Integer> RATES = List.of(100, 250, 500, 1000);
  private static final List<Integer> COLD_RATES = List.of(100, 250, 500);
  private static final int POOL = 100;
  private static final long BACKGROUND = 100_000;
  private static final String ONE = "one";
  private static final String THREE = "three";

  /** An admission answered and allowed: anything else counts as an error. */
  static final Predicate<HttpResponse<String>> ALLOWED =
      r -> r.statusCode() == 200 && r.body().replace(" ", "").contains("\"allowed\":true");

  /** The trivial endpoint answered. */
  static final Predicate<HttpResponse<String>> OK = r -> r.statusCode() == 200;

  private final Path checkout;
  private final List<LoadRow> rows = new ArrayList<>();
  private long rssKib = -1;

  public LoadRun(Path checkout) {
    this.checkout = checkout;
  }

  public List<LoadRow> run() throws IOException, InterruptedException {
    try (PostgresServer postgres = PostgresServer.start(checkout);
        Stack stack = new Stack()) {
      stack.startGrafeas(jar("grafeas-server"), postgres.grafeasStorage());
      Attestor attestor = new Attestor(stack.grafeasRest(), 3);
      attestor.createNotes();
      OccurrenceFill background =
          new OccurrenceFill(
              stack.grafeasRest(), "registry.example.com/bench/background", Attestor.note(0));
      background.createNotes();
      background.fill(0, BACKGROUND);
      postgres.analyze();
      attestor.writeAuthorities(stack.policies(), List.of(ONE, THREE));
      writePolicy(stack.policies(), ONE, "[a1]");
      writePolicy(stack.policies(), THREE, "[a1, a2, a3]");
      List<String> pool = images("registry.example.com/bench/warm", 0, POOL);
      attestor.attest(pool, 3);
      stack.startOperator(jar("operator"));
      OpenLoop loop = new OpenLoop(stack.https());
      URI validate = stack.webhook().resolve("/validate");
      HttpRequest health =
          HttpRequest.newBuilder(stack.webhook().resolve("/q/health/live")).build();

      loop.run("warm-up", 200, WARM_UP, i -> health, OK);
      loop.run("warm-up", 200, WARM_UP, warm(validate, pool, ONE, 1), ALLOWED);
      for (int rate : RATES) {
        rows.add(loop.run("health", rate, STEP, i -> health, OK));
        rows.add(loop.run("warm 1c 1a", rate, STEP, warm(validate, pool, ONE, 1), ALLOWED));
      }
      rows.add(loop.run("warm 3c 1a", 500, STEP, warm(validate, pool, ONE, 3), ALLOWED));
      rows.add(loop.run("warm 10c 1a", 500, STEP, warm(validate, pool, ONE, 10), ALLOWED));
      loop.run("warm-up", 100, WARM_UP, warm(validate, pool, THREE, 1), ALLOWED);
      rows.add(loop.run("warm 1c 3a", 500, STEP, warm(validate, pool, THREE, 1), ALLOWED));
      long next = 1_000_000;
      for (int rate : COLD_RATES) {
        long count = rate * STEP.toSeconds();
        List<String> fresh = images("registry.example.com/bench/cold", next, count);
        attestor.attest(fresh, 1);
        rows.add(loop.run("cold 1c 1a", rate, STEP, cold(validate, fresh), ALLOWED));
        next += count;
      }
      rssKib = OperatorMemory.rssKib(stack.operatorPid());
    }
    return List.copyOf(rows);
  }

  private Path jar(String module) {
    return jar(checkout, module);
  }

  /** A module's runnable Quarkus jar in the checkout, which must have been built. */
  static Path jar(Path checkout, String module) {
    Path jar = checkout.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build first with mvn -B -DskipTests package");
    }
    return jar;
  }

  /**
   * Starts {@code stack}'s Grafeas server on its embedded store with one authority, {@code a1}, an
   * ImageSecurityPolicy in {@code namespace} requiring it, and {@code count} digests of {@code
   * repository} attested by it; returns those images.
   */
  static List<String> attestedPool(
      Stack stack, Path checkout, String namespace, String repository, int count)
      throws IOException, InterruptedException {
    stack.startGrafeas(jar(checkout, "grafeas-server"));
    Attestor attestor = new Attestor(stack.grafeasRest(), 1);
    attestor.createNotes();
    attestor.writeAuthorities(stack.policies(), List.of(namespace));
    writePolicy(stack.policies(), namespace, "[a1]");
    List<String> pool = images(repository, 0, count);
    attestor.attest(pool, 1);
    return pool;
  }

  /**
   * {@code count} one-container pod reviews in {@code namespace} for {@code validate}, pod {@code
   * i} running {@code pool[i mod size]}: built before a run, as its health request is, so the
   * driver's own JSON and garbage do not count against the admission path.
   */
  static List<HttpRequest> prebuiltReviews(
      URI validate, String namespace, List<String> pool, int count) {
    List<HttpRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(
          review(
              validate,
              AdmissionReviews.podCreate(
                  namespace, "pod-" + i, List.of(pool.get(i % pool.size())))));
    }
    return requests;
  }

  static void writePolicy(Path policies, String namespace, String authorities) throws IOException {
    Files.writeString(
        policies.resolve("policy-" + namespace + ".yaml"),
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata: {name: signed, namespace: %s}
        spec:
          attestationAuthorityNames: %s
        """
            .formatted(namespace, authorities));
  }

  static List<String> images(String repository, long first, long count) {
    return LongStream.range(first, first + count)
        .mapToObj(n -> AdmissionReviews.pinnedImage(repository, n))
        .toList();
  }

  private static LongFunction<HttpRequest> warm(
      URI validate, List<String> pool, String namespace, int containers) {
    return i -> {
      List<String> images = new ArrayList<>();
      for (int c = 0; c < containers; c++) {
        images.add(pool.get((int) ((i * containers + c) % pool.size())));
      }
      return review(validate, AdmissionReviews.podCreate(namespace, "pod-" + i, images));
    };
  }

  private static LongFunction<HttpRequest> cold(URI validate, List<String> fresh) {
    return i ->
        review(validate, AdmissionReviews.podCreate(ONE, "pod-" + i, List.of(fresh.get((int) i))));
  }

  private static HttpRequest review(URI validate, String body) {
    return HttpRequest.newBuilder(validate)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** The operator's resident set size after the run, in KiB, or -1 when /proc could not tell. */
  public long operatorRssKib() {
    return rssKib;
  }
}
